using Dapper;
using Npgsql;

namespace Auth.Data.Keys;

public sealed record StoredSigningKey(string Kid, string PrivateKeyPem, DateTime CreatedAt, DateTime? RetiredAt, DateTime? PublishUntil);

/// <summary>The RSA signing keys, shared by every instance through the database.</summary>
public sealed class SigningKeyStore(NpgsqlDataSource dataSource)
{
    // Note: serializes rotations with each other; distinct from the migrator's key.
    private const long RotationLockKey = 0x4155_5448_4B45_59; // "AUTHKEY"

    /// <summary>The active key first, then every retired key still published.</summary>
    public async Task<IReadOnlyList<StoredSigningKey>> LoadPublishedAsync()
    {
        const string sql = """
            select kid, private_key_pem, created_at, retired_at, publish_until
            from signing_keys
            where retired_at is null or publish_until > now()
            order by retired_at is not null, created_at desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<StoredSigningKey>(sql)).ToList();
    }

    /// <summary>
    /// Stores <paramref name="kid"/> as the active key unless one exists; when several
    /// processes race on a fresh database, the unique index lets exactly one insert win.
    /// </summary>
    public async Task<bool> InsertIfNoActiveAsync(string kid, string privateKeyPem)
    {
        const string sql = """
            insert into signing_keys (kid, private_key_pem) values (@kid, @privateKeyPem)
            on conflict ((true)) where retired_at is null do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { kid, privateKeyPem }) == 1;
    }

    /// <summary>
    /// Retires the active key and makes <paramref name="kid"/> the active one. The retired key
    /// stays published until every token it may have signed has expired: the longest access
    /// token lifetime of any client, plus <paramref name="propagation"/> for instances still
    /// signing with it until they reload.
    /// </summary>
    public async Task RotateAsync(string kid, string privateKeyPem, TimeSpan propagation)
    {
        const string retire = """
            update signing_keys
            set retired_at = now(),
                publish_until = now() + make_interval(secs => @propagationSeconds
                    + coalesce((select max(access_token_ttl_seconds) from clients), 3600))
            where retired_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("select pg_advisory_xact_lock(@RotationLockKey)", new { RotationLockKey }, tx);
        await connection.ExecuteAsync(retire, new { propagationSeconds = propagation.TotalSeconds }, tx);
        await connection.ExecuteAsync("insert into signing_keys (kid, private_key_pem) values (@kid, @privateKeyPem)", new { kid, privateKeyPem }, tx);
        await tx.CommitAsync();
    }
}
