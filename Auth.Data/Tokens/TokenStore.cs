using Auth.Core.Grants;
using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Token families, refresh tokens and revocations.</summary>
public sealed class TokenStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a new family for a user grant and, if issued, its first refresh token, in one transaction.</summary>
    public async Task CreateFamilyAsync(Guid familyId, string clientId, Guid? userId, DateTimeOffset expiresAt, NewRefreshToken? refreshToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await InsertFamilyAsync(connection, tx, familyId, clientId, userId, expiresAt);
        if (refreshToken is not null)
            await InsertRefreshTokenAsync(connection, tx, refreshToken, clientId, userId);
        await tx.CommitAsync();
    }

    public static Task InsertFamilyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid familyId, string clientId, Guid? userId, DateTimeOffset expiresAt)
    {
        const string sql = "insert into token_families (id, client_id, user_id, expires_at) values (@familyId, @clientId, @userId, @expiresAt)";
        return connection.ExecuteAsync(sql, new { familyId, clientId, userId, expiresAt = expiresAt.UtcDateTime }, tx);
    }

    public static Task InsertRefreshTokenAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, NewRefreshToken token, string clientId, Guid? userId)
    {
        const string sql = """
            insert into refresh_tokens (token_hash, family_id, parent_hash, client_id, user_id, scope, expires_at)
            values (@Hash, @FamilyId, @ParentHash, @clientId, @userId, @Scope, @expiresAt);
            update token_families set expires_at = greatest(expires_at, @expiresAt) where id = @FamilyId;
            """;
        return connection.ExecuteAsync(sql, new
        {
            token.Hash, token.FamilyId, token.ParentHash, clientId, userId, token.Scope, expiresAt = token.ExpiresAt.UtcDateTime,
        }, tx);
    }

    /// <summary>
    /// True when a signature-valid access token is no longer good: revoked by its id, its family
    /// revoked, or its client disabled, unapproved or deleted. One round trip, indexed probes only.
    /// </summary>
    public async Task<bool> IsAccessTokenRevokedAsync(Guid jti, Guid? familyId, string clientId)
    {
        const string sql = """
            select exists (select 1 from revoked_access_tokens where jti = @jti)
                or exists (select 1 from token_families where id = @familyId and revoked_at is not null)
                or not exists (select 1 from clients where id = @clientId and enabled and status = 'active')
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(sql, new { jti, familyId, clientId });
    }
}
