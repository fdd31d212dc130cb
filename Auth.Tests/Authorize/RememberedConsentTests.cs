using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class RememberedConsentTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(CodeFlow Flow, string ClientId, string Secret)> SignedInAsync()
    {
        var client = OidcClients.Client();
        var secret = await app.AddClientAsync(client);
        var (username, _) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        await OidcClients.SignInAsync(flow, OidcClients.Query(client.Id), username);
        return (flow, client.Id, secret!);
    }

    private static async Task<HttpResponseMessage> AllowAsync(CodeFlow flow, string query, bool remember)
    {
        var page = await flow.AuthorizeAsync(query);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("name=\"remember\"", html);
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", CodeFlow.FormToken(html)), new("decision", "allow") };
        if (remember)
            form.Add(new("remember", "yes"));
        return await flow.PostAsync("/oauth/authorize/consent" + query, form);
    }

    [Fact]
    public async Task Remembered_NextRequestForTheSameScopes_RedirectsWithACodeAtOnce()
    {
        var (flow, clientId, _) = await SignedInAsync();
        var query = OidcClients.Query(clientId);
        Assert.Equal(HttpStatusCode.SeeOther, (await AllowAsync(flow, query, remember: true)).StatusCode);

        var again = await flow.AuthorizeAsync(OidcClients.Query(clientId, scope: "openid"));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(CodeFlow.RedirectParameters(again).ContainsKey(Parameters.Code));
    }

    [Fact]
    public async Task NotRemembered_NextRequest_AsksAgain()
    {
        var (flow, clientId, _) = await SignedInAsync();
        var query = OidcClients.Query(clientId);
        await AllowAsync(flow, query, remember: false);

        var again = await flow.AuthorizeAsync(query);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("name=\"decision\"", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Remembered_ANewScope_AsksAgain_AndPromptConsentAlwaysAsks()
    {
        var (flow, clientId, _) = await SignedInAsync();
        await AllowAsync(flow, OidcClients.Query(clientId), remember: true);

        Assert.Equal(HttpStatusCode.OK, (await flow.AuthorizeAsync(OidcClients.Query(clientId, scope: "openid profile email"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=consent"))).StatusCode);
    }

    [Fact]
    public async Task RevokingTheAppsRefreshToken_ForgetsTheRememberedConsent()
    {
        var (flow, clientId, secret) = await SignedInAsync();
        var query = OidcClients.Query(clientId);
        var code = CodeFlow.RedirectParameters(await AllowAsync(flow, query, remember: true))[Parameters.Code];
        var tokens = await AuthApp.JsonAsync(await OidcClients.RedeemAsync(app, clientId, secret, code));

        Assert.Equal(HttpStatusCode.OK, (await app.RevokeAsync(AuthApp.Basic(clientId, secret), tokens.GetProperty("refresh_token").GetString()!)).StatusCode);

        var again = await flow.AuthorizeAsync(query);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("name=\"decision\"", await again.Content.ReadAsStringAsync());
    }
}
