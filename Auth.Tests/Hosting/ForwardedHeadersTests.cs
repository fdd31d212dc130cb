using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy at 127.0.3.1 (<c>Auth:KnownProxies</c>), with ASP.NET Core's own
/// switch <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> on as well (it trusts every sender by itself), and
/// one password check per address, so the address the service counts shows in a 429.
/// </summary>
public class ProxiedApp : ListeningApp
{
    public const string Proxy = "127.0.3.1";

    protected virtual string KnownProxies => Proxy;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Auth:Issuer", "https://auth.test"),
        new("Auth:KnownProxies", KnownProxies),
        new("FORWARDEDHEADERS_ENABLED", "true"),
        new("Auth:RateLimits:PasswordChecksPerAddress", "1"),
    ];
}

/// <summary>The same, with no known proxy configured.</summary>
public sealed class UnproxiedApp : ProxiedApp
{
    protected override string KnownProxies => "";
}

internal static class Forwarded
{
    /// <summary>Two password checks of a new client from <paramref name="peer"/>, each claiming another forwarded address.</summary>
    public static async Task<(HttpStatusCode First, HttpStatusCode Second)> TwoPasswordGrantsAsync(
        ListeningApp app, string peer, string firstFor, string secondFor)
    {
        var client = await app.AddStandardClientAsync();
        using var http = app.From(peer);
        var first = await PasswordGrantAsync(http, client, firstFor);
        var second = await PasswordGrantAsync(http, client, secondFor);
        return (first, second);
    }

    public static async Task<HttpStatusCode> PasswordGrantAsync(HttpClient http, (string Id, string Secret) client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(
                [new(Parameters.GrantType, GrantTypes.Password), new(Parameters.Username, "nobody"), new(Parameters.Password, "x")]),
            Headers = { Authorization = AuthApp.Basic(client.Id, client.Secret) },
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await http.SendAsync(request)).StatusCode;
    }

    public static async Task<bool> HstsAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Host = "auth.test" } };
        request.Headers.Add("X-Forwarded-Proto", "https");
        return (await http.SendAsync(request)).Headers.Contains("Strict-Transport-Security");
    }
}

public sealed class ForwardedHeadersTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task ForwardedFor_FromTheKnownProxy_IsTheAddressCounted()
    {
        var (first, second) = await Forwarded.TwoPasswordGrantsAsync(app, ProxiedApp.Proxy, "198.51.100.1", "198.51.100.2");

        Assert.Equal(HttpStatusCode.BadRequest, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
    }

    [Fact]
    public async Task ForwardedFor_FromAnUnknownPeer_IsIgnored()
    {
        var (first, second) = await Forwarded.TwoPasswordGrantsAsync(app, "127.0.3.2", "198.51.100.3", "198.51.100.4");

        Assert.Equal(HttpStatusCode.BadRequest, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
    }

    [Fact]
    public async Task ForwardedProto_FromTheKnownProxy_MakesTheAnswerHttps_FromAnUnknownPeer_DoesNot()
    {
        using var proxy = app.From(ProxiedApp.Proxy);
        using var stranger = app.From("127.0.3.3");

        Assert.True(await Forwarded.HstsAsync(proxy));
        Assert.False(await Forwarded.HstsAsync(stranger));
    }
}

public sealed class ForwardedPageTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task Page_ThroughTheKnownProxyEndingTls_SetsASecureHostCookie_FromAnUnknownPeer_Answers400()
    {
        var client = Auth.Tests.Authorize.CodeFlow.Client();
        await app.AddClientAsync(client);
        var path = "/oauth/authorize" + Auth.Tests.Authorize.CodeFlow.Query(client.Id);
        using var proxy = app.From(ProxiedApp.Proxy);
        using var stranger = app.From("127.0.3.5");
        HttpRequestMessage Page() => new(HttpMethod.Get, path) { Headers = { { "X-Forwarded-Proto", "https" } } };

        var proxied = await proxy.SendAsync(Page());
        var direct = await stranger.SendAsync(Page());

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        var cookie = proxied.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-auth.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
    }
}

public sealed class UnconfiguredProxyTests(UnproxiedApp app) : IClassFixture<UnproxiedApp>
{
    [Fact]
    public async Task AspNetCoresForwardedHeadersSwitch_WithoutKnownProxies_TrustsNobody()
    {
        var (first, second) = await Forwarded.TwoPasswordGrantsAsync(app, "127.0.3.4", "198.51.100.5", "198.51.100.6");
        using var stranger = app.From("127.0.3.4");

        Assert.Equal(HttpStatusCode.BadRequest, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        Assert.False(await Forwarded.HstsAsync(stranger));
    }
}
