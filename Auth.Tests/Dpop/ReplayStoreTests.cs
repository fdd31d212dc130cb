using Auth.Api.Housekeeping;
using Auth.Data.Replay;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Dpop;

/// <summary>The shared jti store (used_jtis): one use per window, decided by one statement, swept after.</summary>
public sealed class ReplayStoreTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Jti_IsUsableOnce_ConcurrentlyToo()
    {
        var store = app.Service<ReplayStore>();
        var now = app.Clock.GetUtcNow();
        var jti = Guid.NewGuid().ToString();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.TryUseAsync(ReplayKind.DpopProof, "jkt-a", jti, now.AddMinutes(1), now)));

        Assert.Single(attempts, used => used);
        // Scoped by kind and by key: the same jti under another key or kind is another entry.
        Assert.True(await store.TryUseAsync(ReplayKind.DpopProof, "jkt-b", jti, now.AddMinutes(1), now));
        Assert.True(await store.TryUseAsync(ReplayKind.ClientAssertion, "jkt-a", jti, now.AddMinutes(1), now));
    }

    [Fact]
    public async Task ManyConcurrentUses_OnTwoStores_EachJtiIsTakenExactlyOnce()
    {
        // Uses that arrive together are written together: every jti once, whatever batch it falls in.
        var stores = new[] { app.Service<ReplayStore>(), new ReplayStore(app.Service<NpgsqlDataSource>()) };
        var now = app.Clock.GetUtcNow();
        var jtis = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var uses = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            Task.Run(async () => (Jti: jtis[i % 100], Taken: await stores[i % 2].TryUseAsync(ReplayKind.DpopProof, "jkt-many", jtis[i % 100], now.AddMinutes(1), now)))));

        Assert.All(uses.GroupBy(u => u.Jti), tries => Assert.Single(tries, t => t.Taken));
    }

    [Fact]
    public async Task ExpiredEntry_IsTakenOver_AndSweptByHousekeeping()
    {
        var store = app.Service<ReplayStore>();
        var now = app.Clock.GetUtcNow();
        var jti = Guid.NewGuid().ToString();
        Assert.True(await store.TryUseAsync(ReplayKind.ClientAssertion, "client", jti, now.AddSeconds(30), now));
        Assert.False(await store.TryUseAsync(ReplayKind.ClientAssertion, "client", jti, now.AddSeconds(30), now.AddSeconds(29)));
        Assert.True(await store.TryUseAsync(ReplayKind.ClientAssertion, "client", jti, now.AddSeconds(30), now.AddSeconds(31)));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.Service<ExpiredTokenSweeper>().SweepOnceAsync();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from used_jtis where expires_at < now() + interval '1 day'"));
    }
}
