using System.Net;
using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Tests.EndSession;

/// <summary>RP-Initiated Logout 1.0 at the end-session endpoint.</summary>
public sealed class EndSessionTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(CodeFlow Flow, string ClientId, string Secret, Guid UserId)> SignedInAsync()
    {
        var client = OidcClients.Client();
        var secret = await app.AddClientAsync(client);
        var (username, userId) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        await OidcClients.SignInAsync(flow, OidcClients.Query(client.Id), username);
        return (flow, client.Id, secret!, userId);
    }

    /// <summary>An ID token as the service signs them, for the hint.</summary>
    private string IdToken(string clientId, Guid userId) => IdTokenFactory.Create(new IdTokenClaims
    {
        Issuer = AuthApp.Issuer, Subject = userId.ToString(), ClientId = clientId, IssuedAt = app.Clock.GetUtcNow(),
        ExpiresAt = app.Clock.GetUtcNow().AddMinutes(20), AuthTime = app.Clock.GetUtcNow(), AccessToken = "at",
    }, app.Service<SigningKeyRing>().Current);

    private static string Logout(params (string Name, string Value)[] parameters) =>
        QueryHelpers.AddQueryString("/oauth/logout", parameters.Select(p => KeyValuePair.Create(p.Name, (string?)p.Value)));

    private async Task<bool> IsSignedInAsync(CodeFlow flow, string clientId)
    {
        var response = await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "prompt=none"));
        return CodeFlow.RedirectParameters(response)["error"] != OAuthErrors.LoginRequired;
    }

    [Fact]
    public async Task WithIdTokenHint_SignsOutAtOnce_AndReturnsToTheRegisteredUriWithState()
    {
        var (flow, clientId, _, userId) = await SignedInAsync();

        var response = await flow.Http.GetAsync(Logout(
            (Parameters.IdTokenHint, IdToken(clientId, userId)), (Parameters.PostLogoutRedirectUri, OidcClients.SignedOutUri), (Parameters.State, "bye-1")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{OidcClients.SignedOutUri}?state=bye-1", response.Headers.Location!.ToString());
        Assert.False(await IsSignedInAsync(flow, clientId));
    }

    [Fact]
    public async Task PostedByTheApp_WithIdTokenHint_SignsOut()
    {
        var (flow, clientId, _, userId) = await SignedInAsync();

        var response = await flow.PostAsync("/oauth/logout",
            [new(Parameters.IdTokenHint, IdToken(clientId, userId)), new(Parameters.PostLogoutRedirectUri, OidcClients.SignedOutUri)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(OidcClients.SignedOutUri, response.Headers.Location!.ToString());
        Assert.False(await IsSignedInAsync(flow, clientId));
    }

    [Fact]
    public async Task WithoutHint_AsksToConfirm_AndStaysSignedInUntilConfirmed()
    {
        var (flow, clientId, _, _) = await SignedInAsync();

        var page = await flow.Http.GetAsync(Logout((Parameters.ClientId, clientId), (Parameters.PostLogoutRedirectUri, OidcClients.SignedOutUri), (Parameters.State, "s2")));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Northwind Trading", html);
        Assert.Contains("value=\"sign-out\"", html);
        Assert.True(await IsSignedInAsync(flow, clientId));

        var action = System.Text.RegularExpressions.Regex.Match(html, "action=\"([^\"]+)\"").Groups[1].Value;
        var confirmed = await flow.PostAsync(System.Net.WebUtility.HtmlDecode(action),
            [new("__RequestVerificationToken", CodeFlow.FormToken(html)), new("decision", "sign-out")]);
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal($"{OidcClients.SignedOutUri}?state=s2", confirmed.Headers.Location!.ToString());
        Assert.False(await IsSignedInAsync(flow, clientId));
    }

    [Fact]
    public async Task Confirm_WithoutAntiforgeryToken_IsRefused_AndKeepsTheSession()
    {
        var (flow, clientId, _, _) = await SignedInAsync();

        var response = await flow.PostAsync("/oauth/logout/confirm", [new("decision", "sign-out")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await IsSignedInAsync(flow, clientId));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("https://app.example/signed-out?x=1")]
    public async Task UnregisteredPostLogoutUri_ShowsAnErrorPage_NeverRedirects(string uri)
    {
        var (flow, clientId, _, userId) = await SignedInAsync();

        var response = await flow.Http.GetAsync(Logout((Parameters.IdTokenHint, IdToken(clientId, userId)), (Parameters.PostLogoutRedirectUri, uri)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.True(await IsSignedInAsync(flow, clientId));
    }

    [Fact]
    public async Task ForgedHint_ShowsAnErrorPage()
    {
        var (flow, clientId, _, _) = await SignedInAsync();
        var forged = IdTokenFactory.Create(new IdTokenClaims
        {
            Issuer = AuthApp.Issuer, Subject = "x", ClientId = clientId, IssuedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
            AuthTime = DateTimeOffset.UtcNow, AccessToken = "at",
        }, Auth.Core.Tokens.SigningKey.Generate());

        var response = await flow.Http.GetAsync(Logout((Parameters.IdTokenHint, forged)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await IsSignedInAsync(flow, clientId));
    }

    [Fact]
    public async Task SignOut_KeepsTheAppsRefreshTokens_ByDefault()
    {
        var (flow, clientId, secret, userId) = await SignedInAsync();
        var code = await flow.DecideAsync(OidcClients.Query(clientId), "allow");
        var tokens = await AuthApp.JsonAsync(await OidcClients.RedeemAsync(app, clientId, secret, CodeFlow.RedirectParameters(code)[Parameters.Code]));

        await flow.Http.GetAsync(Logout((Parameters.IdTokenHint, IdToken(clientId, userId))));

        Assert.True(await app.IsActiveAsync(AuthApp.Basic(clientId, secret), tokens.GetProperty("refresh_token").GetString()!));
    }
}

public sealed class EndSessionAdminTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task PostLogoutUriSetThroughTheAdminApi_IsWhereSignOutReturns()
    {
        var client = OidcClients.Client() with { PostLogoutRedirectUris = [] };
        await app.AddClientAsync(client);
        var admin = await Auth.Tests.Admin.AdminApi.AdminHttpAsync(app);
        var patch = await Auth.Tests.Admin.AdminApi.SendJsonAsync(admin, HttpMethod.Patch, "/api/v1/auth/client",
            new { clientId = client.Id, postLogoutRedirectUris = new[] { "https://app.example/after-admin" } });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());

        var response = await new CodeFlow(app).Http.GetAsync(QueryHelpers.AddQueryString("/oauth/logout",
            new Dictionary<string, string?> { [Parameters.ClientId] = client.Id, [Parameters.PostLogoutRedirectUri] = "https://app.example/after-admin" }));

        // Nobody is signed in on this browser, so there is nothing to confirm: straight back to the app.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://app.example/after-admin", response.Headers.Location!.ToString());
    }
}

/// <summary>Sign-out configured to revoke the user's tokens too.</summary>
public sealed class RevokingSignOutApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Auth:Session:RevokeTokensOnSignOut", "true")];
}

public sealed class RevokingSignOutTests(RevokingSignOutApp app) : IClassFixture<RevokingSignOutApp>
{
    [Fact]
    public async Task SignOut_ConfiguredToRevoke_EndsTheUsersRefreshAndAccessTokens()
    {
        var client = OidcClients.Client();
        var secret = (await app.AddClientAsync(client))!;
        var (username, _) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        var query = OidcClients.Query(client.Id);
        var code = await flow.CodeAsync(query, username, OidcClients.Password);
        var tokens = await AuthApp.JsonAsync(await OidcClients.RedeemAsync(app, client.Id, secret, code));

        var page = await flow.Http.GetAsync("/oauth/logout");
        await flow.PostAsync("/oauth/logout/confirm", [new("__RequestVerificationToken", await CodeFlow.FormTokenAsync(page)), new("decision", "sign-out")]);

        var auth = AuthApp.Basic(client.Id, secret);
        Assert.False(await app.IsActiveAsync(auth, tokens.GetProperty("refresh_token").GetString()!));
        Assert.False(await app.IsActiveAsync(auth, tokens.GetProperty("access_token").GetString()!));
    }
}
