using Auth.Core.Grants;
using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Access tokens that can be revoked by their id alone (the broker API's DELETE), and the families of user grants.</summary>
public sealed class IssuedAccessTokenStore(NpgsqlDataSource dataSource)
{
    public static Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid jti, Guid familyId, string clientId, DateTimeOffset expiresAt)
    {
        const string sql = "insert into issued_access_tokens (jti, family_id, client_id, expires_at) values (@jti, @familyId, @clientId, @expiresAt)";
        return connection.ExecuteAsync(sql, new { jti, familyId, clientId, expiresAt = expiresAt.UtcDateTime }, tx);
    }

    /// <summary>Stores the family of a user grant issued without a code (the broker's token), its refresh token if any, and the access token's id.</summary>
    public async Task CreateAsync(IssuedTokens tokens, string clientId, Guid userId)
    {
        var familyId = tokens.FamilyId!.Value;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await TokenStore.InsertFamilyAsync(connection, tx, clientId, userId, tokens);
        await InsertAsync(connection, tx, tokens.Jti, familyId, clientId, tokens.AccessTokenExpiresAt);
        await tx.CommitAsync();
    }

    /// <summary>
    /// Revokes an access token by id: records it in <c>revoked_access_tokens</c> and revokes its
    /// family (so the refresh tokens issued with it die too). False if no such token was issued.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid jti, DateTimeOffset now)
    {
        const string sql = """
            with token as (select jti, family_id, client_id, expires_at from issued_access_tokens where jti = @jti),
            revoked as (
                insert into revoked_access_tokens (jti, client_id, expires_at)
                select jti, client_id, expires_at from token
                on conflict (jti) do nothing
            ),
            family as (
                update token_families set revoked_at = @now
                where id = (select family_id from token) and revoked_at is null
            )
            select count(*) from token
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { jti, now = now.UtcDateTime }) > 0;
    }
}
