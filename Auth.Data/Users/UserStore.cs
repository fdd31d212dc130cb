using Auth.Core.OpenIdConnect;
using Auth.Core.Users;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>The profile claims a user is created or updated with; unset ones stay null.</summary>
public sealed record ProfileFields(string? Name = null, string? GivenName = null, string? FamilyName = null, string? Email = null, bool EmailVerified = false);

/// <summary>Reads and writes resource owners.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, username, password_hash, enabled";

    /// <summary>The user stored under this canonical username (<see cref="Usernames.Canonical"/>), or null.</summary>
    public Task<UserAccount?> FindByCanonicalUsernameAsync(string canonicalUsername) =>
        FindAsync($"select {Columns} from users where username = @canonicalUsername", new { canonicalUsername });

    /// <summary>The user with this id (the broker API's <c>account_id</c>), or null.</summary>
    public Task<UserAccount?> FindByIdAsync(Guid userId) =>
        FindAsync($"select {Columns} from users where id = @userId", new { userId });

    private async Task<UserAccount?> FindAsync(string sql, object parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string Username, string PasswordHash, bool Enabled)>(sql, parameters);
        return row.Id == Guid.Empty ? null : new UserAccount(row.Id, row.Username, row.PasswordHash, row.Enabled);
    }

    /// <summary>Creates the user with its profile claims and returns its id, or returns null if the username is taken.</summary>
    public async Task<Guid?> InsertAsync(string username, string passwordHash, ProfileFields? profile = null)
    {
        username = CanonicalOrThrow(username);
        const string sql = """
            insert into users (id, username, password_hash, name, given_name, family_name, email, email_verified)
            values (@id, @username, @passwordHash, @Name, @GivenName, @FamilyName, @Email, @EmailVerified)
            on conflict (username) do nothing
            returning id
            """;
        profile ??= new ProfileFields();
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid?>(sql, new
        {
            id = Guid.NewGuid(), username, passwordHash, profile.Name, profile.GivenName, profile.FamilyName, profile.Email, profile.EmailVerified,
        });
    }

    /// <summary>The standard claims of an enabled user (OpenID Connect Core §5.1), or null if the user is gone or disabled.</summary>
    public async Task<UserProfile?> FindProfileAsync(Guid userId)
    {
        const string sql = """
            select id, username, name, given_name, family_name, email, email_verified, updated_at
            from users where id = @userId and enabled
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(sql, new { userId });
        return row?.ToProfile();
    }

    /// <summary>Sets the profile claims of an existing user; false if there is no such user.</summary>
    public async Task<bool> SetProfileAsync(Guid userId, ProfileFields profile)
    {
        const string sql = """
            update users set name = @Name, given_name = @GivenName, family_name = @FamilyName, email = @Email,
                email_verified = @EmailVerified, updated_at = now()
            where id = @userId
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { userId, profile.Name, profile.GivenName, profile.FamilyName, profile.Email, profile.EmailVerified }) == 1;
    }

    private sealed class ProfileRow
    {
        public Guid Id { get; init; }
        public string Username { get; init; } = "";
        public string? Name { get; init; }
        public string? GivenName { get; init; }
        public string? FamilyName { get; init; }
        public string? Email { get; init; }
        public bool EmailVerified { get; init; }
        public DateTime UpdatedAt { get; init; }

        public UserProfile ToProfile() => new(Id, Username, Name, GivenName, FamilyName, Email, EmailVerified,
            new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
    }

    /// <summary>
    /// Creates the user, or sets the password of the existing user with this username;
    /// returns the user's id either way. The username is stored in its canonical form.
    /// </summary>
    public async Task<Guid> UpsertAsync(string username, string passwordHash)
    {
        username = CanonicalOrThrow(username);
        const string sql = """
            insert into users (id, username, password_hash) values (@id, @username, @passwordHash)
            on conflict (username) do update set password_hash = excluded.password_hash, updated_at = now()
            returning id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid>(sql, new { id = Guid.NewGuid(), username, passwordHash });
    }

    /// <summary>Replaces a password hash computed with older parameters, unless the password changed meanwhile.</summary>
    public async Task UpgradeHashAsync(Guid userId, string oldHash, string newHash)
    {
        const string sql = "update users set password_hash = @newHash, updated_at = now() where id = @userId and password_hash = @oldHash";
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { userId, oldHash, newHash });
    }

    private static string CanonicalOrThrow(string username) =>
        Usernames.Canonical(username)
        ?? throw new ArgumentException($"A username must be 1 to {Usernames.MaxLength} characters without control characters.", nameof(username));
}
