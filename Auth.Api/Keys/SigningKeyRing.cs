using Auth.Core.Tokens;
using Auth.Data.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Keys;

/// <summary>
/// This instance's copy of the signing keys in the database: the active key signs, every
/// published key verifies and is listed in the JWKS. Reloaded every few seconds (so a
/// rotation reaches every instance) and at once when a token names a key not yet seen.
/// A key is listed here before this instance signs with it, since both come from one load.
/// Private keys are unsealed here, once per key id, never per token.
/// </summary>
public sealed class SigningKeyRing(SigningKeyStore store, KeyEncryptionKeys keys, TimeProvider clock, ILogger<SigningKeyRing> logger)
{
    private static readonly TimeSpan MinReloadGap = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile Snapshot? _snapshot;
    private DateTimeOffset _lastLoad = DateTimeOffset.MinValue;

    private sealed record Snapshot(SigningKey Current, IReadOnlyList<SigningKey> Published, IReadOnlyDictionary<string, SigningKey> ByKid);

    public SigningKey Current => Loaded.Current;
    public IReadOnlyList<SigningKey> Published => Loaded.Published;

    public SecurityKey? Find(string kid) => Loaded.ByKid.GetValueOrDefault(kid)?.SecurityKey;

    private Snapshot Loaded => _snapshot ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    /// <summary>Loads the keys, creating the first one if the database has none.</summary>
    public async Task LoadAsync()
    {
        await _reloadLock.WaitAsync();
        try
        {
            await LoadLockedAsync();
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>
    /// Reloads unless a load happened within the last second; true if it reloaded. A burst of tokens
    /// naming unknown keys waits for one reload: staleness is checked again once the lock is held.
    /// </summary>
    public async Task<bool> ReloadIfStaleAsync()
    {
        if (!IsStale)
            return false;
        await _reloadLock.WaitAsync();
        try
        {
            if (!IsStale)
                return false;
            await LoadLockedAsync();
            return true;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private bool IsStale => clock.GetUtcNow() - _lastLoad >= MinReloadGap;

    private async Task LoadLockedAsync()
    {
        var rows = await store.LoadPublishedAsync();
        if (!rows.Any(r => r.RetiredAt is null))
        {
            var key = SigningKey.Generate();
            if (await store.InsertIfNoActiveAsync(key.Kid, keys.Protect(key)))
                logger.LogInformation("Created the first signing key {Kid}", key.Kid);
            rows = await store.LoadPublishedAsync();
        }

        var known = _snapshot?.ByKid;
        var loaded = rows.Select(r => known?.GetValueOrDefault(r.Kid) ?? keys.Open(r)).ToList();
        var active = loaded[rows.ToList().FindIndex(r => r.RetiredAt is null)];
        if (_snapshot is not null && _snapshot.Current.Kid != active.Kid)
            logger.LogInformation("Signing with rotated key {Kid}", active.Kid);
        _snapshot = new Snapshot(active, loaded, loaded.ToDictionary(k => k.Kid));
        _lastLoad = clock.GetUtcNow();
    }
}
