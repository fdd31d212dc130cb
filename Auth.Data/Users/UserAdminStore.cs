using Auth.Data.Audit;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>A user account as the console lists it.</summary>
public sealed record UserSummary(Guid Id, string Username, bool Enabled, DateTime CreatedAt);

/// <summary>The password-attempt counters of a username: failures counted from every source, and the latest lock of any source.</summary>
public sealed record AttemptState(int Failures, DateTimeOffset? LockedUntil)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>The console's reads and writes of user accounts; every write appends its audit entry in the same transaction.</summary>
public sealed class UserAdminStore(NpgsqlDataSource dataSource)
{
    /// <summary>Users whose username contains the text (case-insensitive), by username; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string? usernameContains, int limit)
    {
        const string sql = """
            select id, username, enabled, created_at from users
            where cast(@text as text) is null or strpos(lower(username), lower(@text)) > 0
            order by lower(username) limit @limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<UserSummary>(sql, new { text = usernameContains, limit })).AsList();
    }

    public async Task<UserSummary?> FindAsync(Guid id)
    {
        const string sql = "select id, username, enabled, created_at from users where id = @id";
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<UserSummary>(sql, new { id });
    }

    /// <summary>Enables or disables the account; false if there is no such user.</summary>
    public Task<bool> SetEnabledAsync(Guid id, bool enabled, ClientAuditEntry audit) =>
        WriteAsync("update users set enabled = @enabled, updated_at = now() where id = @id", new { id, enabled }, audit);

    /// <summary>Replaces the password hash; false if there is no such user.</summary>
    public Task<bool> SetPasswordHashAsync(Guid id, string passwordHash, ClientAuditEntry audit) =>
        WriteAsync("update users set password_hash = @passwordHash, updated_at = now() where id = @id", new { id, passwordHash }, audit);

    /// <summary>The attempt counters of the user's (canonical) username across every source, the account counter included.</summary>
    public async Task<AttemptState> AttemptsAsync(string username)
    {
        const string sql = """
            select coalesce(sum(failures) filter (where source <> ''), 0)::int as failures, max(locked_until) as locked_until
            from password_attempts where username = @username
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<AttemptState>(sql, new { username });
    }

    /// <summary>
    /// Clears every attempt counter of the user's (canonical) username, which lifts the lock of every
    /// source and the account's slow-down; false if there is no such user.
    /// </summary>
    public Task<bool> UnlockAsync(Guid id, ClientAuditEntry audit) =>
        WriteAsync("""
            with target as (select username from users where id = @id),
            cleared as (delete from password_attempts where username in (select username from target))
            select 1 from target
            """, new { id }, audit, query: true);

    private async Task<bool> WriteAsync(string sql, object parameters, ClientAuditEntry audit, bool query = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var found = query
            ? await connection.ExecuteScalarAsync<int?>(sql, parameters, tx) is not null
            : await connection.ExecuteAsync(sql, parameters, tx) == 1;
        if (!found)
            return false;
        await ClientAuditStore.AppendAsync(connection, tx, [audit]);
        await tx.CommitAsync();
        return true;
    }
}
