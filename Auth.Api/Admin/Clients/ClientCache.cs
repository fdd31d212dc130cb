using System.Collections.Concurrent;
using Auth.Core.Clients;
using Auth.Data.Clients;

namespace Auth.Api.Admin.Clients;

/// <summary>
/// Clients as the token endpoint reads them on every request, cached in-process. Safe across
/// instances because every change to <c>clients</c> is NOTIFYed (migration 0005) and
/// <see cref="ClientChangeListener"/> drops the entry; while the listener is not connected the
/// cache is bypassed. Entries also expire after <see cref="MaxAge"/> as a backstop.
/// </summary>
public sealed class ClientCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Client Client, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _listening;
    private readonly ClientStore _store;
    private readonly TimeProvider _clock;

    public ClientCache(ClientStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        store.Changed += Invalidate;
    }

    /// <summary>The client with this id, or null; unknown ids are never cached.</summary>
    public async Task<Client?> FindAsync(string clientId)
    {
        var now = _clock.GetUtcNow();
        if (_listening && _entries.TryGetValue(clientId, out var entry) && now - entry.LoadedAt < MaxAge)
            return entry.Client;

        // Note: a change announced while we were loading makes the loaded copy suspect: do not keep it.
        var generation = Interlocked.Read(ref _generation);
        var client = await _store.FindAsync(clientId);
        if (client is not null && _listening && Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= MaxEntries)
                _entries.Clear();
            _entries[clientId] = (client, now);
        }
        return client;
    }

    public bool IsListening => _listening;

    public void Invalidate(string clientId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(clientId, out _);
    }

    /// <summary>Called by the listener: caching is only safe while changes are being heard.</summary>
    public void SetListening(bool listening)
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _listening = listening;
    }
}
