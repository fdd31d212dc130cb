using Dapper;
using Npgsql;

namespace Auth.Data.Keys;

/// <summary>A private key as stored: sealed under a key-encryption key, or (only where allowed) plain PEM; exactly one is set.</summary>
public sealed record PrivateKeyAtRest(string? Pem, string? Sealed)
{
    public static PrivateKeyAtRest Plain(string pem) => new(pem, null);
    public static PrivateKeyAtRest SealedAs(string value) => new(null, value);
}

public sealed record StoredSigningKey(string Kid, string? PrivateKeyPem, string? PrivateKeySealed, DateTime CreatedAt, DateTime? RetiredAt, DateTime? PublishUntil)
{
    public PrivateKeyAtRest PrivateKey => new(PrivateKeyPem, PrivateKeySealed);
}

/// <summary>The RSA signing keys, shared by every instance through the database.</summary>
public sealed class SigningKeyStore(NpgsqlDataSource dataSource)
{
    // Note: serializes rotations with each other; distinct from the migrator's key.
    private const long RotationLockKey = 0x4155_5448_4B45_59; // "AUTHKEY"

    private const string Columns = "kid, private_key_pem, private_key_sealed, created_at, retired_at, publish_until";

    /// <summary>The active key first, then every retired key still published.</summary>
    public async Task<IReadOnlyList<StoredSigningKey>> LoadPublishedAsync()
    {
        const string sql = $"""
            select {Columns}
            from signing_keys
            where retired_at is null or publish_until > now()
            order by retired_at is not null, created_at desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<StoredSigningKey>(sql)).ToList();
    }

    /// <summary>Every stored key, published or not (what a re-wrap must reach).</summary>
    public async Task<IReadOnlyList<StoredSigningKey>> LoadAllAsync()
    {
        const string sql = $"select {Columns} from signing_keys order by created_at";
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<StoredSigningKey>(sql)).ToList();
    }

    /// <summary>
    /// Stores <paramref name="kid"/> as the active key unless one exists; when several
    /// processes race on a fresh database, the unique index lets exactly one insert win.
    /// </summary>
    public async Task<bool> InsertIfNoActiveAsync(string kid, PrivateKeyAtRest privateKey)
    {
        const string sql = """
            insert into signing_keys (kid, private_key_pem, private_key_sealed) values (@kid, @Pem, @Sealed)
            on conflict ((true)) where retired_at is null do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { kid, privateKey.Pem, privateKey.Sealed }) == 1;
    }

    /// <summary>
    /// Retires the active key and makes <paramref name="kid"/> the active one. The retired key
    /// stays published until every token it may have signed has expired: the longest access
    /// token lifetime of any client, plus <paramref name="propagation"/> for instances still
    /// signing with it until they reload.
    /// </summary>
    public async Task RotateAsync(string kid, PrivateKeyAtRest privateKey, TimeSpan propagation)
    {
        const string retire = """
            update signing_keys
            set retired_at = now(),
                publish_until = now() + make_interval(secs => @propagationSeconds
                    + coalesce((select max(access_token_ttl_seconds) from clients), 3600))
            where retired_at is null
            """;
        const string insert = "insert into signing_keys (kid, private_key_pem, private_key_sealed) values (@kid, @Pem, @Sealed)";
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("select pg_advisory_xact_lock(@RotationLockKey)", new { RotationLockKey }, tx);
        await connection.ExecuteAsync(retire, new { propagationSeconds = propagation.TotalSeconds }, tx);
        await connection.ExecuteAsync(insert, new { kid, privateKey.Pem, privateKey.Sealed }, tx);
        await tx.CommitAsync();
    }

    /// <summary>
    /// Replaces the stored form of a key's private half (sealing a plain key, or re-sealing under
    /// another key-encryption key), only if it is still <paramref name="expected"/>; false if another
    /// process changed or deleted it first.
    /// </summary>
    public async Task<bool> ReplacePrivateKeyAsync(string kid, PrivateKeyAtRest expected, PrivateKeyAtRest replacement)
    {
        const string sql = """
            update signing_keys set private_key_pem = @Pem, private_key_sealed = @Sealed
            where kid = @kid
              and private_key_pem is not distinct from @expectedPem
              and private_key_sealed is not distinct from @expectedSealed
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new
        {
            kid, replacement.Pem, replacement.Sealed, expectedPem = expected.Pem, expectedSealed = expected.Sealed,
        }) == 1;
    }
}
