using Auth.Core.Grants;
using Dapper;
using Npgsql;

namespace Auth.Data.Codes;

/// <summary>A code to store: its hash and everything it is bound to (RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
public sealed record NewCode(
    byte[] Hash, string ClientId, Guid UserId, string RedirectUri, string Scope,
    string? CodeChallenge, string? CodeChallengeMethod, DateTimeOffset ExpiresAt, string? DpopJkt = null)
{
    public string? Nonce { get; init; }
    public DateTimeOffset? AuthTime { get; init; }
    /// <summary>The broker that issued the code (broker API), whose family its redemption starts; null otherwise.</summary>
    public string? BrokerClientId { get; init; }
}

/// <summary>Authorization codes: issued once, stored as hashes, consumed once.</summary>
public sealed class AuthorizationCodeStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a code for an enabled user; false (nothing stored) if the user is gone or disabled.</summary>
    public async Task<bool> InsertAsync(NewCode code)
    {
        const string sql = """
            insert into authorization_codes (code_hash, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method, expires_at, dpop_jkt, nonce, auth_time, broker_client_id)
            select @Hash, @ClientId, u.id, @RedirectUri, @Scope, @CodeChallenge, @CodeChallengeMethod, @ExpiresAt, @DpopJkt, @Nonce, @AuthTime, @BrokerClientId
            from users u where u.id = @UserId and u.enabled
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new
        {
            code.Hash, code.ClientId, code.UserId, code.RedirectUri, code.Scope, code.CodeChallenge, code.CodeChallengeMethod,
            code.ExpiresAt, code.DpopJkt, code.Nonce, code.AuthTime, code.BrokerClientId,
        }) == 1;
    }

    /// <summary>
    /// The code with this hash, its user's state and, once consumed, the family it created; null
    /// if unknown. Consuming it is a write of token state (<c>TokenStateStore</c>).
    /// </summary>
    public async Task<StoredCode?> FindAsync(byte[] codeHash)
    {
        const string sql = """
            select c.client_id, c.user_id, coalesce(u.username, '') as username, coalesce(u.enabled, false) as user_enabled,
                   c.redirect_uri, c.scope, c.code_challenge, c.code_challenge_method, c.expires_at, c.consumed_at, c.family_id, c.dpop_jkt,
                   c.nonce, c.auth_time
            from authorization_codes c
            left join users u on u.id = c.user_id
            where c.code_hash = @codeHash
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredCode>(sql, new { codeHash });
    }
}
