using System.Net;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Auth.Tests.Hosting;

/// <summary>The service behind https (its issuer), browsed over https, or over http from a proxy that terminated TLS.</summary>
public sealed class HttpsIssuerApp : AuthApp
{
    public const string HttpsIssuer = "https://auth.test";

    public HttpsIssuerApp() => ClientOptions.BaseAddress = new Uri(HttpsIssuer);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Auth:Issuer", HttpsIssuer)];
}

public sealed class TransportSecurityTests(HttpsIssuerApp app) : IClassFixture<HttpsIssuerApp>
{
    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Fact]
    public async Task HttpsIssuer_SignInAndAntiforgeryCookies_AreSecureWithTheHostPrefix()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        await app.AddUserAsync("https-user", "correct horse");
        var query = CodeFlow.Query(client.Id);
        using var browser = app.CreateDefaultClient(new Uri(HttpsIssuerApp.HttpsIssuer), new CookieContainerHandler());

        var page = await browser.GetAsync("/oauth/authorize" + query);
        var signIn = await browser.PostAsync("/oauth/authorize/sign-in" + query, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await CodeFlow.FormTokenAsync(page)), new("username", "https-user"), new("password", "correct horse")]));

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        foreach (var cookie in new[] { Cookie(page, "__Host-auth.antiforgery"), Cookie(signIn, "__Host-auth.session") })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task HttpsIssuer_PageOverPlainHttp_Answers400WithTheReason_AndSetsNoCookie()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        using var http = app.CreateDefaultClient(new Uri("http://auth.test"));

        var page = await http.GetAsync("/oauth/authorize" + CodeFlow.Query(client.Id));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("https only", await page.Content.ReadAsStringAsync());
        Assert.False(page.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task HttpsIssuer_AnswersOverHttps_CarryHsts_AnswersOverHttpDoNot()
    {
        using var overHttp = app.CreateDefaultClient(new Uri("http://auth.test"));

        var secure = await app.CreateClient().GetAsync("/healthz");
        var plain = await overHttp.GetAsync("/healthz");

        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
