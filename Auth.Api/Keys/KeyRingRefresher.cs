using Auth.Api.Hosting;

namespace Auth.Api.Keys;

/// <summary>
/// Loads the key ring before the server takes requests, then reloads it on an interval; a failed
/// reload keeps the keys it has and tries again on the next tick (e.g. on the new primary after a failover).
/// First it seals any plain keys under the key-encryption key, if this instance has one.
/// </summary>
public sealed class KeyRingRefresher(
    SigningKeyRing ring, KeySealer sealer, KeyEncryptionKeys keys, AuthSettings settings, IConfiguration configuration, ILogger<KeyRingRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartupWait.RunAsync(async () =>
        {
            await sealer.SealPlainKeysAsync(keys);
            await ring.LoadAsync();
        }, "loading the signing keys", StartupWait.Limit(configuration), logger, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.KeyRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.LoadAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Note: keep serving with the keys we have; the database may be back on the next tick.
                logger.LogWarning(e, "Reloading signing keys failed");
            }
        }
    }
}
