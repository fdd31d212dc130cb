using Auth.Core.Grants;
using Auth.Data.Audit;
using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>
/// Token state, the one owner of <c>token_families</c>, <c>refresh_tokens</c>,
/// <c>issued_access_tokens</c> and <c>revoked_access_tokens</c>: loads what the grants decide on
/// and applies the <see cref="TokenWrite"/> they ask for. Every change is one statement (atomic
/// on its own), every time is the caller's clock (<c>@now</c>), a family changes with one UPDATE.
/// </summary>
public sealed class TokenStateStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The family, its first refresh token (when @refreshHash is set) and, in a broker's family, the
    /// access token's id, after the gate CTE (which names the broker, or null).
    /// </summary>
    private const string NewFamily = """
        family as (
            insert into token_families (id, client_id, user_id, created_at, expires_at, dpop_jkt, auth_time, broker_client_id)
            select @familyId, @clientId, @userId, @now, @familyExpires, @familyJkt, @authTime, broker_client_id from gate
            returning id, broker_client_id),
        first_refresh as (
            insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, created_at, expires_at)
            select @refreshHash, id, @clientId, @userId, @scope, @now, @refreshExpires from family where @refreshHash::bytea is not null),
        kept_jti as (
            insert into issued_access_tokens (jti, family_id, client_id, expires_at)
            select @jti, id, @clientId, @accessExpires from family where broker_client_id is not null)
        """;

    private const string CreateFamilySql = $"with gate as (select cast(@brokerClientId as text) as broker_client_id), {NewFamily} select count(*) from family";

    // The consuming UPDATE decides the winner of concurrent redemptions (RFC 6749 §4.1.2: used once).
    private const string ConsumeCodeSql = $"""
        with gate as (
            update authorization_codes c set consumed_at = @now, family_id = @familyId
            where c.code_hash = @codeHash and c.consumed_at is null
              and exists (select 1 from users u where u.id = c.user_id and u.enabled)
            returning c.broker_client_id),
        {NewFamily}
        select count(*) from gate
        """;

    // The consuming UPDATE decides the winner of concurrent rotations (RFC 9700 §4.14.2).
    private const string RotateSql = """
        with consumed as (
            update refresh_tokens set consumed_at = @now
            where token_hash = @parentHash and client_id = @clientId and consumed_at is null
            returning family_id),
        child as (
            insert into refresh_tokens (token_hash, family_id, parent_hash, client_id, user_id, scope, created_at, expires_at)
            select @refreshHash, family_id, @parentHash, @clientId, @userId, @scope, @now, @refreshExpires from consumed
            returning family_id),
        stretched as (
            update token_families set expires_at = greatest(expires_at, @familyExpires)
            where id = (select family_id from child)
            returning id, broker_client_id),
        kept_jti as (
            insert into issued_access_tokens (jti, family_id, client_id, expires_at)
            select @jti, id, @clientId, @accessExpires from stretched where broker_client_id is not null)
        select count(*) from consumed
        """;

    private const string RevokeFamilySql = "update token_families set revoked_at = @now where id = @familyId and revoked_at is null";

    private const string RevokeFamilyOfCodeSql = """
        update token_families set revoked_at = @now
        where revoked_at is null
          and id = (select family_id from authorization_codes where code_hash = @codeHash and consumed_at is not null)
        """;

    /// <summary>The refresh token with this hash and the state of its family, user and client; null if unknown.</summary>
    public async Task<StoredRefreshToken?> FindRefreshTokenAsync(byte[] hash)
    {
        const string sql = """
            select r.token_hash as hash, r.family_id, r.client_id, r.user_id, u.username, r.scope,
                   r.created_at, r.expires_at, r.consumed_at, coalesce(f.auth_time, f.created_at) as auth_time,
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
        return await connection.QuerySingleOrDefaultAsync<StoredRefreshToken>(sql, new { hash });
    }

    /// <summary>
    /// Applies the writes of a grant's decision for <paramref name="clientId"/>. False when a
    /// consuming UPDATE found the code or refresh token already consumed (a concurrent or replayed
    /// use): nothing was stored and the family of the winner was revoked, as a reuse.
    /// </summary>
    public async Task<bool> ApplyAsync(GrantDecision decision, string clientId, DateTimeOffset now)
    {
        var tokens = decision.Tokens.Value;
        await using var connection = await dataSource.OpenConnectionAsync();
        switch (decision.Write)
        {
            case TokenWrite.CreateFamily create:
                var family = new DynamicParameters(FamilyParameters(tokens!, clientId, create.UserId, now));
                family.Add("brokerClientId", create.BrokerClientId);
                await connection.ExecuteAsync(CreateFamilySql, family);
                return true;

            case TokenWrite.ConsumeCode consume:
                var parameters = new DynamicParameters(FamilyParameters(tokens!, clientId, consume.UserId, now));
                parameters.Add("codeHash", consume.CodeHash);
                if (await connection.ExecuteScalarAsync<long>(ConsumeCodeSql, parameters) == 1)
                    return true;
                await connection.ExecuteAsync(RevokeFamilyOfCodeSql, new { codeHash = consume.CodeHash, now });
                return false;

            case TokenWrite.Rotate rotate:
                var child = tokens!.RefreshToken!;
                if (await connection.ExecuteScalarAsync<long>(RotateSql, new
                    {
                        parentHash = rotate.ParentHash, clientId, userId = rotate.UserId, now,
                        refreshHash = child.Hash, scope = child.Scope, refreshExpires = child.ExpiresAt,
                        familyExpires = Max(child.ExpiresAt, tokens.AccessTokenExpiresAt),
                        jti = tokens.Jti, accessExpires = tokens.AccessTokenExpiresAt,
                    }) == 1)
                    return true;
                await connection.ExecuteAsync(RevokeFamilySql, new { familyId = child.FamilyId, now });
                return false;

            case TokenWrite.RevokeFamily revoke:
                await connection.ExecuteAsync(RevokeFamilySql, new { familyId = revoke.FamilyId, now });
                return true;

            default:
                return true;
        }
    }

    private static object FamilyParameters(IssuedTokens tokens, string clientId, Guid userId, DateTimeOffset now)
    {
        var refresh = tokens.RefreshToken;
        return new
        {
            familyId = tokens.FamilyId!.Value, clientId, userId, now,
            // A family lives as long as its longest token, so its revocation outlives every token carrying its id.
            familyExpires = refresh is null ? tokens.AccessTokenExpiresAt : Max(refresh.ExpiresAt, tokens.AccessTokenExpiresAt),
            refreshHash = refresh?.Hash, scope = refresh?.Scope, refreshExpires = refresh?.ExpiresAt,
            jti = tokens.Jti, accessExpires = tokens.AccessTokenExpiresAt, familyJkt = tokens.FamilyJkt, authTime = tokens.AuthTime,
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

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

    /// <summary>
    /// Revokes one access token of <paramref name="clientId"/> by its id, kept until it would have
    /// expired, and the family it belongs to (so the refresh token it came with stops working too).
    /// One statement; revoking twice is harmless.
    /// </summary>
    public async Task RevokeAccessTokenAsync(Guid jti, string clientId, DateTimeOffset expiresAt, Guid? familyId, DateTimeOffset now)
    {
        const string sql = """
            with revoked as (
                insert into revoked_access_tokens (jti, client_id, expires_at) values (@jti, @clientId, @expiresAt)
                on conflict (jti) do nothing)
            update token_families set revoked_at = @now
            where id = @familyId and client_id = @clientId and revoked_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { jti, clientId, expiresAt, familyId, now });
    }

    /// <summary>
    /// Revokes an access token by id (the broker API's DELETE) if <paramref name="brokerClientId"/>
    /// issued it, directly or through a code, or it was refreshed from one it issued: records it in
    /// <c>revoked_access_tokens</c> and revokes its family (so the refresh tokens issued with it
    /// die too). False, and nothing changed, for any other id.
    /// </summary>
    public async Task<bool> RevokeIssuedAccessTokenAsync(Guid jti, string brokerClientId, DateTimeOffset now)
    {
        const string sql = """
            with token as (
                select t.jti, t.family_id, t.client_id, t.expires_at
                from issued_access_tokens t join token_families f on f.id = t.family_id
                where t.jti = @jti and f.broker_client_id = @brokerClientId),
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
        return await connection.ExecuteScalarAsync<long>(sql, new { jti, brokerClientId, now }) > 0;
    }

    /// <summary>
    /// Revokes the family of the refresh token with this hash if the token belongs to <paramref name="clientId"/>;
    /// its refresh tokens stop working and its access tokens (which carry the family as <c>sid</c>) too.
    /// True when a family of this client was found.
    /// </summary>
    public async Task<bool> RevokeFamilyOfRefreshTokenAsync(byte[] hash, string clientId, DateTimeOffset now)
    {
        const string sql = """
            update token_families set revoked_at = coalesce(revoked_at, @now)
            where id = (select family_id from refresh_tokens where token_hash = @hash and client_id = @clientId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { hash, clientId, now }) > 0;
    }

    /// <summary>
    /// Revokes a user's grant to one client: every live family of the user there (so its refresh
    /// tokens, and the access tokens carrying the family as <c>sid</c>, stop working on every instance
    /// at once) and the codes not yet redeemed, with the audit entry, in one transaction. The number
    /// of families revoked.
    /// </summary>
    public async Task<int> RevokeUserGrantAsync(Guid userId, string clientId, DateTimeOffset now, ClientAuditEntry audit)
    {
        const string sql = """
            with codes as (
                update authorization_codes set consumed_at = @now
                where user_id = @userId and client_id = @clientId and consumed_at is null
            )
            update token_families set revoked_at = @now
            where user_id = @userId and client_id = @clientId and revoked_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var revoked = await connection.ExecuteAsync(sql, new { userId, clientId, now }, tx);
        await ClientAuditStore.AppendAsync(connection, tx, [audit]);
        await tx.CommitAsync();
        return revoked;
    }

    /// <summary>Revokes every live family of the user, all clients alike (sign-out configured to end the apps' grants too).</summary>
    public async Task RevokeFamiliesOfUserAsync(Guid userId, DateTimeOffset now)
    {
        const string sql = "update token_families set revoked_at = @now where user_id = @userId and revoked_at is null";
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { userId, now });
    }
}
