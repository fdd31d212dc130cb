using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

/// <summary>The browser's sign-in session at the authorization endpoint: shared by apps, prompt, max_age, login_hint.</summary>
public sealed class SessionTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(CodeFlow Flow, string Username)> SignedInAsync(string clientId)
    {
        var (username, _) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        await OidcClients.SignInAsync(flow, OidcClients.Query(clientId), username);
        return (flow, username);
    }

    private async Task<string> NewClientAsync()
    {
        var client = OidcClients.Client();
        await app.AddClientAsync(client);
        return client.Id;
    }

    [Fact]
    public async Task SecondApp_InTheSameBrowser_SkipsThePassword_AndShowsItsConsent()
    {
        var (first, second) = (await NewClientAsync(), await NewClientAsync());
        var (flow, username) = await SignedInAsync(first);

        var page = await flow.AuthorizeAsync(OidcClients.Query(second));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"decision\" value=\"allow\"", html);
        Assert.Contains(username, html);
        Assert.DoesNotContain("type=\"password\"", html);
    }

    [Fact]
    public async Task PromptNone_WithoutSession_RedirectsLoginRequired()
    {
        var clientId = await NewClientAsync();

        var response = await new CodeFlow(app).AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=none"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var p = CodeFlow.RedirectParameters(response);
        Assert.Equal(OAuthErrors.LoginRequired, p["error"]);
        Assert.Equal("st-123", p[Parameters.State]);
        Assert.Equal(AuthApp.Issuer, p["iss"]);
    }

    [Fact]
    public async Task PromptNone_WithSessionButNoRememberedConsent_RedirectsConsentRequired()
    {
        var clientId = await NewClientAsync();
        var (flow, _) = await SignedInAsync(clientId);

        var response = await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=none"));

        Assert.Equal(OAuthErrors.ConsentRequired, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task PromptLogin_WithSession_AsksThePasswordAgain_ThenGoesOnToConsent()
    {
        var clientId = await NewClientAsync();
        var (flow, username) = await SignedInAsync(clientId);
        var query = OidcClients.Query(clientId, extra: "prompt=login");

        var page = await (await flow.AuthorizeAsync(query)).Content.ReadAsStringAsync();
        Assert.Contains("type=\"password\"", page);
        Assert.Contains($"value=\"{username}\"", page);

        var signIn = await flow.SignInAsync(query, username, OidcClients.Password);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var next = signIn.Headers.Location!.ToString();
        Assert.DoesNotContain("prompt", next);
        var consent = await (await flow.Http.GetAsync(next)).Content.ReadAsStringAsync();
        Assert.Contains("name=\"decision\" value=\"allow\"", consent);
    }

    [Fact]
    public async Task LoginHint_PrefillsTheUsername()
    {
        var clientId = await NewClientAsync();

        var page = await (await new CodeFlow(app).AuthorizeAsync(OidcClients.Query(clientId, extra: "login_hint=carol%40example.com"))).Content.ReadAsStringAsync();

        Assert.Contains("value=\"carol@example.com\"", page);
    }

    [Fact]
    public async Task InvalidPromptAndMaxAge_RedirectInvalidRequest()
    {
        var clientId = await NewClientAsync();
        var flow = new CodeFlow(app);

        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=none%20login")))["error"]);
        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "max_age=soon")))["error"]);
    }

    [Fact]
    public async Task Session_FromOneInstance_IsUsedByAnother_AndAStolenOldCookieDiesWithIt()
    {
        var clientId = await NewClientAsync();
        var (flow, _) = await SignedInAsync(clientId);
        await using var peer = new PeerInstance(app);
        var onPeer = new CodeFlow(peer, flow.Cookies);
        Assert.Contains("name=\"decision\"", await (await onPeer.AuthorizeAsync(OidcClients.Query(clientId))).Content.ReadAsStringAsync());

        var copy = new System.Net.CookieContainer();
        copy.Add(flow.Cookies.GetAllCookies());
        var logout = await onPeer.Http.GetAsync("/oauth/logout");
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        var confirm = await onPeer.PostAsync("/oauth/logout/confirm", [new("__RequestVerificationToken", await CodeFlow.FormTokenAsync(logout)), new("decision", "sign-out")]);
        Assert.Contains("You are signed out", await confirm.Content.ReadAsStringAsync());

        // The copy of the cookie taken before sign-out is worthless on the first instance too.
        var replay = await new CodeFlow(app, copy).AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=none"));
        Assert.Equal(OAuthErrors.LoginRequired, CodeFlow.RedirectParameters(replay)["error"]);
    }
}
