using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>The roles of user accounts (<c>user_roles</c>).</summary>
public sealed class UserRoleStore(NpgsqlDataSource dataSource)
{
    /// <summary>Grants the role to the user with this canonical username; false if there is no such user. Granting twice is harmless.</summary>
    public async Task<bool> GrantAsync(string username, string role)
    {
        const string sql = """
            with target as (select id from users where username = @username),
            granted as (
                insert into user_roles (user_id, role) select id, @role from target
                on conflict do nothing
            )
            select exists (select 1 from target)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(sql, new { username, role });
    }

    /// <summary>Takes the role from the user with this canonical username; false if there is no such user. Revoking a role not held is harmless.</summary>
    public async Task<bool> RevokeAsync(string username, string role)
    {
        const string sql = """
            with target as (select id from users where username = @username),
            revoked as (delete from user_roles where user_id in (select id from target) and role = @role)
            select exists (select 1 from target)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(sql, new { username, role });
    }

    /// <summary>True when the user exists, is enabled and holds the role.</summary>
    public async Task<bool> HasRoleAsync(Guid userId, string role)
    {
        const string sql = """
            select exists (select 1 from user_roles r join users u on u.id = r.user_id
                           where r.user_id = @userId and r.role = @role and u.enabled)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(sql, new { userId, role });
    }
}
