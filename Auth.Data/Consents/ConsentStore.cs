using Dapper;
using Npgsql;

namespace Auth.Data.Consents;

/// <summary>Consent a user chose to remember, per client: the scopes allowed so far.</summary>
public sealed class ConsentStore(NpgsqlDataSource dataSource)
{
    /// <summary>The scopes the user remembered allowing to this client, or null when none.</summary>
    public async Task<string[]?> FindAsync(Guid userId, string clientId)
    {
        const string sql = "select scopes from remembered_consents where user_id = @userId and client_id = @clientId";
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string[]?>(sql, new { userId, clientId });
    }

    /// <summary>Remembers <paramref name="scopes"/> as allowed, on top of what was remembered before.</summary>
    public async Task RememberAsync(Guid userId, string clientId, IReadOnlyCollection<string> scopes)
    {
        const string sql = """
            insert into remembered_consents (user_id, client_id, scopes) values (@userId, @clientId, @scopes)
            on conflict (user_id, client_id) do update set
                scopes = array(select distinct unnest(remembered_consents.scopes || excluded.scopes) order by 1), updated_at = now()
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { userId, clientId, scopes = scopes.ToArray() });
    }

    /// <summary>Forgets what the user remembered for this client.</summary>
    public async Task ForgetAsync(Guid userId, string clientId)
    {
        const string sql = "delete from remembered_consents where user_id = @userId and client_id = @clientId";
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { userId, clientId });
    }

    /// <summary>
    /// Forgets the consent behind a refresh token of <paramref name="clientId"/> that was just revoked:
    /// revoking the grant ends it, as node-oidc-provider's default revocation policy does.
    /// </summary>
    public async Task ForgetForRefreshTokenAsync(byte[] refreshTokenHash, string clientId)
    {
        const string sql = """
            delete from remembered_consents c using refresh_tokens r
            where r.token_hash = @refreshTokenHash and r.client_id = @clientId and c.user_id = r.user_id and c.client_id = r.client_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { refreshTokenHash, clientId });
    }
}
