using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Data.Tokens;
using Dapper;
using Npgsql;

namespace Auth.Data.Codes;

/// <summary>A code to store: its hash and everything it is bound to (RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
public sealed record NewCode(
    byte[] Hash, string ClientId, Guid UserId, string RedirectUri, string Scope,
    string? CodeChallenge, string? CodeChallengeMethod, DateTimeOffset ExpiresAt)
{
    public string? Nonce { get; init; }
    public DateTimeOffset? AuthTime { get; init; }
}

/// <summary>Authorization codes: issued once, stored as hashes, consumed once.</summary>
public sealed class AuthorizationCodeStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a code for an enabled user; false (nothing stored) if the user is gone or disabled.</summary>
    public async Task<bool> InsertAsync(NewCode code)
    {
        const string sql = """
            insert into authorization_codes (code_hash, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method, expires_at, nonce, auth_time)
            select @Hash, @ClientId, u.id, @RedirectUri, @Scope, @CodeChallenge, @CodeChallengeMethod, @expiresAt, @Nonce, @authTime
            from users u where u.id = @UserId and u.enabled
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new
        {
            code.Hash, code.ClientId, code.UserId, code.RedirectUri, code.Scope, code.CodeChallenge, code.CodeChallengeMethod,
            expiresAt = code.ExpiresAt.UtcDateTime, code.Nonce, authTime = code.AuthTime?.UtcDateTime,
        }) == 1;
    }

    /// <summary>
    /// Redeems a code in one transaction: one atomic UPDATE consumes it (the winner of concurrent
    /// redemptions is whoever's UPDATE matches <c>consumed_at is null</c>), <paramref name="decide"/>
    /// checks it and mints the tokens, then the family, its first refresh token and the access
    /// token's id are stored. A failed check rolls everything back. A code consumed before is
    /// a replay: the family it created is revoked (RFC 6749 §4.1.2) and the answer is
    /// <c>invalid_grant</c>.
    /// </summary>
    public async Task<Outcome<IssuedTokens>> RedeemAsync(byte[] codeHash, Guid familyId, DateTimeOffset now, Func<StoredCode, Outcome<IssuedTokens>> decide)
    {
        const string consume = """
            update authorization_codes c set consumed_at = @now, family_id = @familyId
            from users u
            where c.code_hash = @codeHash and c.consumed_at is null and u.id = c.user_id and u.enabled
            returning c.client_id, c.user_id, u.username, c.redirect_uri, c.scope, c.code_challenge, c.code_challenge_method, c.expires_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<CodeRow>(consume, new { codeHash, familyId, now = now.UtcDateTime }, tx);
        if (row is null)
        {
            await RevokeReplayedAsync(connection, tx, codeHash, now);
            await tx.CommitAsync();
            return OAuthError.InvalidGrant("The authorization code is invalid, expired or was issued to another client.");
        }

        var outcome = decide(row.ToStoredCode());
        if (outcome.IsError)
        {
            await tx.RollbackAsync();
            return outcome;
        }

        var tokens = outcome.Value!;
        await TokenStore.InsertFamilyAsync(connection, tx, row.ClientId, row.UserId, tokens);
        await IssuedAccessTokenStore.InsertAsync(connection, tx, tokens.Jti, familyId, row.ClientId, tokens.AccessTokenExpiresAt);
        await tx.CommitAsync();
        return tokens;
    }

    /// <summary>Revokes the family of a code presented again after it was consumed (RFC 6749 §4.1.2).</summary>
    private static Task RevokeReplayedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, byte[] codeHash, DateTimeOffset now)
    {
        const string sql = """
            update token_families set revoked_at = @now
            where revoked_at is null
              and id = (select family_id from authorization_codes where code_hash = @codeHash and consumed_at is not null)
            """;
        return connection.ExecuteAsync(sql, new { codeHash, now = now.UtcDateTime }, tx);
    }

    private sealed class CodeRow
    {
        public string ClientId { get; init; } = "";
        public Guid UserId { get; init; }
        public string Username { get; init; } = "";
        public string RedirectUri { get; init; } = "";
        public string Scope { get; init; } = "";
        public string? CodeChallenge { get; init; }
        public string? CodeChallengeMethod { get; init; }
        public DateTime ExpiresAt { get; init; }

        public StoredCode ToStoredCode() => new(ClientId, UserId, Username, RedirectUri, Scope, CodeChallenge, CodeChallengeMethod,
            new DateTimeOffset(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc)));
    }
}
