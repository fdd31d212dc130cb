using Auth.Data.Tokens;

namespace Auth.Api.Housekeeping;

/// <summary>
/// Removes expired codes, refresh tokens, families, access-token revocations and stale attempt counters on an interval,
/// in small batches. Safe with several instances: one sweeps at a time, the others skip the tick.
/// </summary>
public sealed class ExpiredTokenSweeper(
    HousekeepingStore store, HousekeepingSettings settings, Hosting.AuthSettings auth, TimeProvider clock, ILogger<ExpiredTokenSweeper> logger) : BackgroundService
{
    /// <summary>One sweep now; null when another instance holds the sweep.</summary>
    public async Task<HousekeepingCounts?> SweepOnceAsync(CancellationToken cancel = default)
    {
        var cutoff = clock.GetUtcNow() - settings.Grace;
        var counts = await store.DeleteExpiredAsync(cutoff, cutoff - auth.Attempts.RowLifetime, cutoff - auth.Attempts.FamiliarFor, settings.BatchSize, settings.MaxBatches, cancel);
        if (counts is { Total: > 0 })
            logger.LogInformation(
                "Housekeeping removed {Codes} codes, {RefreshTokens} refresh tokens, {Families} families, {Revoked} access-token revocations, {PasswordAttempts} attempt counters, {Replays} replay entries, {Sessions} browser sessions, {SigningKeys} retired signing keys",
                counts.Codes, counts.RefreshTokens, counts.Families, counts.RevokedAccessTokens, counts.PasswordAttempts, counts.Replays, counts.BrowserSessions, counts.SigningKeys);
        return counts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Note: the next tick tries again; expired rows are already inert, only their space waits.
                logger.LogWarning(e, "Housekeeping sweep failed");
            }
        }
    }
}
