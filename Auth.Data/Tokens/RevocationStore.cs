using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Revocation of access tokens (RFC 7009) and of the families they belong to.</summary>
public sealed class RevocationStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Revokes one access token of <paramref name="clientId"/> by its id, kept until it would have
    /// expired, and the family it belongs to (so the refresh token it came with stops working too).
    /// One round trip; revoking twice is harmless.
    /// </summary>
    public async Task RevokeAccessTokenAsync(Guid jti, string clientId, DateTimeOffset expiresAt, Guid? familyId)
    {
        const string sql = """
            insert into revoked_access_tokens (jti, client_id, expires_at) values (@jti, @clientId, @expiresAt)
            on conflict (jti) do nothing;
            update token_families set revoked_at = now()
            where id = @familyId and client_id = @clientId and revoked_at is null;
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { jti, clientId, expiresAt = expiresAt.UtcDateTime, familyId });
    }
}
