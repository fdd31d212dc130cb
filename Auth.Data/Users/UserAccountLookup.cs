using Auth.Core.Users;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>Finds users by id, for the broker API's <c>account_id</c>.</summary>
public sealed class UserAccountLookup(NpgsqlDataSource dataSource)
{
    /// <summary>The user with this id, or null.</summary>
    public async Task<UserAccount?> FindByIdAsync(Guid userId)
    {
        const string sql = "select id, username, password_hash, enabled from users where id = @userId";
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string Username, string PasswordHash, bool Enabled)>(sql, new { userId });
        return row.Id == Guid.Empty ? null : new UserAccount(row.Id, row.Username, row.PasswordHash, row.Enabled);
    }
}
