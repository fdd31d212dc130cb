using Dapper;
using Npgsql;

namespace Auth.Data.Tokens;

/// <summary>Rows removed by one housekeeping pass, per table.</summary>
/// <see cref="Replays"/> counts the remembered jti values and pushed requests past their window (migration 0011).
/// <see cref="SigningKeys"/> counts retired signing keys past their publish time: no token they signed can still be live.
public sealed record HousekeepingCounts(long Codes, long RefreshTokens, long Families, long RevokedAccessTokens, long PasswordAttempts, long Replays = 0, long BrowserSessions = 0, long SigningKeys = 0)
{
    public long Total => Codes + RefreshTokens + Families + RevokedAccessTokens + PasswordAttempts + Replays + BrowserSessions + SigningKeys;
}

/// <summary>
/// Deletes expired token state and stale attempt counters in small batches, each its own short statement, so the hot tables
/// are never locked for long: rows another transaction holds are skipped (<c>SKIP LOCKED</c>) and
/// taken on a later pass. Only one instance sweeps at a time (a session advisory lock).
/// </summary>
public sealed class HousekeepingStore(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock key of the sweep: any constant shared by every instance.</summary>
    private const long LockKey = 0x4175_7468_486B_5001; // "AuthHk" + 1

    // Note: the table names are constants of this class, never input; the values are parameters.
    private static readonly (string Table, string Sql)[] Sweeps =
    [
        ("authorization_codes", Batch("authorization_codes")),
        ("refresh_tokens", Batch("refresh_tokens")),
        ("token_families", Batch("token_families")),
        ("revoked_access_tokens", Batch("revoked_access_tokens")),
        // Attempt counters: unlocked (or their lock over), untouched for longer than any window or lease,
        // and not holding a source's familiarity (a recent sign-in).
        ("password_attempts", Batch("password_attempts",
            "updated_at < @attemptsCutoff and (locked_until is null or locked_until < @cutoff) and (last_success_at is null or last_success_at < @familiarCutoff)")),
        ("used_jtis", Batch("used_jtis")),
        ("pushed_authorization_requests", Batch("pushed_authorization_requests")),
        ("browser_sessions", Batch("browser_sessions")),
        // Note: publish_until is the retirement plus the longest access-token lifetime (and the reload
        // propagation), so a retired key leaves the database only once nothing it signed verifies anyway.
        ("signing_keys", Batch("signing_keys", "retired_at is not null and publish_until < @cutoff")),
    ];

    private static string Batch(string table, string expired = "expires_at < @cutoff") => $"""
        delete from {table}
        where ctid = any(array(
            select ctid from {table} where {expired}
            limit @batchSize for update skip locked))
        """;

    /// <summary>
    /// Deletes rows that expired before <paramref name="cutoff"/> (attempt counters: last written before
    /// <paramref name="attemptsCutoff"/>, and no sign-in since <paramref name="familiarCutoff"/>), <paramref name="batchSize"/> at a time, at most
    /// <paramref name="maxBatches"/> batches per table. Returns null without deleting anything when
    /// another instance is sweeping.
    /// </summary>
    public async Task<HousekeepingCounts?> DeleteExpiredAsync(
        DateTimeOffset cutoff, DateTimeOffset attemptsCutoff, DateTimeOffset familiarCutoff, int batchSize, int maxBatches, CancellationToken cancel)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancel);
        if (!await connection.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@LockKey)", new { LockKey }))
            return null;
        try
        {
            var counts = new long[Sweeps.Length];
            for (var i = 0; i < Sweeps.Length; i++)
            {
                for (var batch = 0; batch < maxBatches; batch++)
                {
                    cancel.ThrowIfCancellationRequested();
                    var deleted = await connection.ExecuteAsync(new CommandDefinition(
                        Sweeps[i].Sql, new { cutoff, attemptsCutoff, familiarCutoff, batchSize }, cancellationToken: cancel));
                    counts[i] += deleted;
                    if (deleted < batchSize)
                        break;
                }
            }
            return new HousekeepingCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5] + counts[6], counts[7], counts[8]);
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }
}
