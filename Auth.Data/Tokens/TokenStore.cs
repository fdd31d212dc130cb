using Auth.Core.Grants;
using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Token families, refresh tokens and revocations.</summary>
public sealed class TokenStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores the new family of a user grant and, if issued, its first refresh token.</summary>
    public async Task CreateFamilyAsync(string clientId, Guid userId, IssuedTokens tokens)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await InsertFamilyAsync(connection, null, clientId, userId, tokens);
    }

    /// <summary>
    /// Inserts the family of <paramref name="tokens"/> (living as long as its longest token) and its
    /// first refresh token, if any, in one statement: atomic on its own, one round trip.
    /// </summary>
    public static Task InsertFamilyAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string clientId, Guid? userId, IssuedTokens tokens)
    {
        const string familyOnly = "insert into token_families (id, client_id, user_id, expires_at, dpop_jkt) values (@familyId, @clientId, @userId, @familyExpires, @familyJkt)";
        const string withRefreshToken = $"""
            with family as ({familyOnly} returning id)
            insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at)
            select @hash, id, @clientId, @userId, @scope, @refreshExpires from family
            """;
        var refresh = tokens.RefreshToken;
        var familyExpires = refresh is not null && refresh.ExpiresAt > tokens.AccessTokenExpiresAt ? refresh.ExpiresAt : tokens.AccessTokenExpiresAt;
        return connection.ExecuteAsync(refresh is null ? familyOnly : withRefreshToken, new
        {
            familyId = tokens.FamilyId!.Value, clientId, userId, familyExpires = familyExpires.UtcDateTime, familyJkt = tokens.FamilyJkt,
            hash = refresh?.Hash, scope = refresh?.Scope, refreshExpires = refresh?.ExpiresAt.UtcDateTime,
        }, tx);
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
