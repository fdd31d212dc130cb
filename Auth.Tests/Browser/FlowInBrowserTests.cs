using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace Auth.Tests.Browser;

/// <summary>The sign-in and consent pages in a real headless Chromium, against the service on a real socket.</summary>
public sealed class FlowInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery";

    private async Task<(string ClientId, string Secret, string Callback)> ClientAsync(string username)
    {
        var callback = $"{app.BaseUrl}/demo/callback";
        var id = $"web-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = id,
            Name = "Northwind Trading",
            GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            Scopes = ["profile", "history", "trade"],
            RedirectUris = [callback],
        });
        await app.AddUserAsync(username, Password);
        return (id, secret!, callback);
    }

    private string AuthorizeUrl(string clientId, string redirectUri, string? challenge = null) =>
        app.BaseUrl + "/oauth/authorize" + CodeFlow.Query(clientId, scope: "profile history trade", state: "xyz", challenge: challenge, redirectUri: redirectUri);

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [Fact]
    public async Task Browser_SignInConsentAllow_RedirectsWithCodeThatExchangesForTokens()
    {
        var (clientId, secret, callback) = await ClientAsync("alice");
        var (verifier, challenge) = CodeFlow.NewPkce();
        var page = await app.NewPageAsync();

        await page.GotoAsync(AuthorizeUrl(clientId, callback, challenge));
        await app.ScreenshotAsync(page, "1-sign-in");
        await SignInAsync(page, "alice", Password);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Allow Northwind Trading to access your account?" }).WaitForAsync();
        await app.ScreenshotAsync(page, "3-consent");
        Assert.Equal(3, await page.Locator(".scopes li").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(callback + "?", StringComparison.Ordinal));
        await app.ScreenshotAsync(page, "4-callback");

        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("xyz", query[Parameters.State].ToString());
        Assert.Equal(AuthApp.Issuer, query["iss"].ToString());
        var code = query[Parameters.Code].ToString();
        Assert.Equal(code, await page.Locator("#code").InnerTextAsync());
        var tokens = await app.TokenAsync(AuthApp.Basic(clientId, secret), (Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, code), (Parameters.RedirectUri, callback), (Parameters.CodeVerifier, verifier));
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal("profile history trade", (await AuthApp.JsonAsync(tokens)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Browser_Deny_RedirectsWithAccessDenied()
    {
        var (clientId, _, callback) = await ClientAsync("bob");
        var page = await app.NewPageAsync();

        await page.GotoAsync(AuthorizeUrl(clientId, callback));
        await SignInAsync(page, "bob", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(callback + "?", StringComparison.Ordinal));

        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(OAuthErrors.AccessDenied, query["error"].ToString());
        Assert.Equal("xyz", query[Parameters.State].ToString());
        Assert.False(query.ContainsKey(Parameters.Code));
    }

    [Fact]
    public async Task Browser_WrongPassword_ShowsTheFormAgainWithAGenericMessage()
    {
        var (clientId, _, callback) = await ClientAsync("carol");
        var page = await app.NewPageAsync();

        await page.GotoAsync(AuthorizeUrl(clientId, callback));
        await SignInAsync(page, "carol", "not the password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The username or password is incorrect.");
        await Assertions.Expect(page.GetByLabel("Username")).ToHaveValueAsync("carol");
        Assert.StartsWith(app.BaseUrl + "/oauth/authorize/sign-in", page.Url);
        await app.ScreenshotAsync(page, "2-sign-in-wrong-password");
    }

    [Fact]
    public async Task Browser_BadRedirectUri_ShowsErrorPageAndStaysHere()
    {
        var (clientId, _, _) = await ClientAsync("dave");
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync(AuthorizeUrl(clientId, "https://evil.example/callback"));

        Assert.Equal(400, response!.Status);
        Assert.StartsWith(app.BaseUrl + "/oauth/authorize", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not registered");
        await app.ScreenshotAsync(page, "5-error-bad-redirect-uri");
    }

    [Fact]
    public async Task Browser_PhoneSizedScreen_ShowsConsentWithoutHorizontalScrolling()
    {
        var (clientId, _, callback) = await ClientAsync("erin");
        var page = await app.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync(AuthorizeUrl(clientId, callback));
        await SignInAsync(page, "erin", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).WaitForAsync();
        await app.ScreenshotAsync(page, "6-consent-phone");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
    }
}
