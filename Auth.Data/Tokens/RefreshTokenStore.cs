using Auth.Core.Grants;
using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Refresh tokens by hash: lookup, single-use rotation, and family revocation.</summary>
public sealed class RefreshTokenStore(NpgsqlDataSource dataSource)
{
    /// <summary>The result of trying to consume a refresh token and store its successor.</summary>
    public enum RotationResult
    {
        Rotated,
        /// <summary>Someone consumed it first (a concurrent or replayed use): nothing was stored.</summary>
        AlreadyConsumed,
    }

    /// <summary>The token with this hash and the state of its family, user and client; null if unknown.</summary>
    public async Task<StoredRefreshToken?> FindAsync(byte[] hash)
    {
        const string sql = """
            select r.token_hash as hash, r.family_id, r.client_id, r.user_id, u.username, r.scope,
                   r.created_at, r.expires_at, r.consumed_at,
                   f.revoked_at is not null as family_revoked,
                   coalesce(u.enabled, false) as user_enabled,
                   coalesce(c.enabled and c.status = 'active', false) as client_active, f.dpop_jkt
            from refresh_tokens r
            join token_families f on f.id = r.family_id
            left join users u on u.id = r.user_id
            left join clients c on c.id = r.client_id
            where r.token_hash = @hash
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(sql, new { hash });
        return row?.ToStored();
    }

    /// <summary>
    /// Consumes the parent token and stores its successor in one transaction. The consuming
    /// <c>UPDATE ... WHERE consumed_at IS NULL</c> decides the winner of concurrent uses: exactly
    /// one caller gets <see cref="RotationResult.Rotated"/>. The family's expiry is raised to
    /// cover the new access token, so its revocation outlives every token carrying its id.
    /// </summary>
    public async Task<RotationResult> RotateAsync(NewRefreshToken child, string clientId, Guid userId, DateTimeOffset accessTokenExpiresAt)
    {
        const string consume = """
            update refresh_tokens set consumed_at = now()
            where token_hash = @parentHash and client_id = @clientId and consumed_at is null
            returning family_id
            """;
        const string coverAccessToken = "update token_families set expires_at = greatest(expires_at, @accessTokenExpiresAt) where id = @familyId";

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var consumed = await connection.ExecuteScalarAsync<Guid?>(consume, new { parentHash = child.ParentHash, clientId }, tx);
        if (consumed is null)
            return RotationResult.AlreadyConsumed;

        await TokenStore.InsertRefreshTokenAsync(connection, tx, child, clientId, userId);
        await connection.ExecuteAsync(coverAccessToken, new { familyId = child.FamilyId, accessTokenExpiresAt = accessTokenExpiresAt.UtcDateTime }, tx);
        await tx.CommitAsync();
        return RotationResult.Rotated;
    }

    /// <summary>
    /// Revokes the family of the token with this hash if the token belongs to <paramref name="clientId"/>;
    /// its refresh tokens stop working and its access tokens (which carry the family as <c>sid</c>) too.
    /// True when a family of this client was found.
    /// </summary>
    public async Task<bool> RevokeFamilyOfAsync(byte[] hash, string clientId)
    {
        const string sql = """
            update token_families set revoked_at = coalesce(revoked_at, now())
            where id = (select family_id from refresh_tokens where token_hash = @hash and client_id = @clientId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { hash, clientId }) > 0;
    }

    private sealed class Row
    {
        public byte[] Hash { get; init; } = [];
        public Guid FamilyId { get; init; }
        public string ClientId { get; init; } = "";
        public Guid? UserId { get; init; }
        public string? Username { get; init; }
        public string Scope { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime ExpiresAt { get; init; }
        public DateTime? ConsumedAt { get; init; }
        public bool FamilyRevoked { get; init; }
        public bool UserEnabled { get; init; }
        public bool ClientActive { get; init; }
        public string? DpopJkt { get; init; }

        public StoredRefreshToken ToStored() => new()
        {
            Hash = Hash,
            FamilyId = FamilyId,
            ClientId = ClientId,
            UserId = UserId,
            Username = Username,
            Scope = Scope,
            CreatedAt = Utc(CreatedAt),
            ExpiresAt = Utc(ExpiresAt),
            ConsumedAt = ConsumedAt is { } c ? Utc(c) : null,
            FamilyRevoked = FamilyRevoked,
            UserEnabled = UserEnabled,
            ClientActive = ClientActive,
            DpopJkt = DpopJkt,
        };

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
