using Auth.Api.Keys;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Keys;

/// <summary>A burst of tokens naming unknown keys reloads the key ring once per interval, not once per token (issue 12 item 11).</summary>
public sealed class KeyReloadTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task ReloadIfStale_CalledByABurstAtOnce_ReloadsOnce()
    {
        _ = app.Server;
        var ring = app.Service<SigningKeyRing>();
        app.Clock.Advance(TimeSpan.FromSeconds(5));

        var reloads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ring.ReloadIfStaleAsync()));

        Assert.Equal(1, reloads.Count(r => r));
        Assert.False(await ring.ReloadIfStaleAsync());
    }
}
