using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Data.Users;
using Microsoft.Playwright;

namespace Auth.Tests.Browser;

/// <summary>The service with its issuer on the browser-reachable socket address, so a real OpenID Connect client can discover it.</summary>
public sealed class OidcBrowserApp : BrowserApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [.. base.ExtraSettings, new("Auth:Issuer", BaseUrl)];
}

/// <summary>ASP.NET Core's OpenID Connect handler, in a small app on loopback, signs in and out through the service in headless Chromium.</summary>
public sealed class OpenIdConnectInBrowserTests(OidcBrowserApp app) : IClassFixture<OidcBrowserApp>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AspNetCoreOidcHandler_SignsInReadsTheClaims_AndSignsOutThroughEndSession()
    {
        var clientId = $"rp-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient { Id = clientId, GrantTypes = [GrantTypes.AuthorizationCode] });
        await using var rp = await RelyingPartyApp.StartAsync(app.BaseUrl, clientId, secret!);
        await app.AddClientAsync(new NewClient
        {
            Id = clientId,
            Secret = secret,
            Name = "Contoso Portal",
            GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            Scopes = ["openid", "profile", "email"],
            RedirectUris = [rp.CallbackUri],
            PostLogoutRedirectUris = [rp.SignedOutCallbackUri],
        });
        var userId = await app.AddUserAsync("grace", Password);
        await app.Service<UserStore>().SetProfileAsync(userId, new ProfileFields("Grace Hopper", "Grace", "Hopper", "grace@example.com", true));
        var page = await app.NewPageAsync();

        await page.GotoAsync(rp.BaseUrl + "/");
        await page.GetByLabel("Username").FillAsync("grace");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Allow Contoso Portal to access your account?" }).WaitForAsync();
        await app.ScreenshotAsync(page, "7-consent-openid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Signed in to the app" }).WaitForAsync();

        string Claim(string type) => page.Locator($"li[data-claim='{type}']").First.InnerTextAsync().GetAwaiter().GetResult();
        Assert.Equal(userId.ToString(), Claim("sub"));
        Assert.Equal("Grace Hopper", Claim("name"));
        Assert.Equal("grace", Claim("preferred_username"));
        Assert.Equal("grace@example.com", Claim("email"));
        Assert.Equal("true", Claim("email_verified"), ignoreCase: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Signed out of the app" }).WaitForAsync();
        Assert.StartsWith(rp.BaseUrl + "/signed-out", page.Url);

        // The service's session ended too: the next sign-in asks for the password again.
        await page.GotoAsync(rp.BaseUrl + "/");
        await page.GetByLabel("Password").WaitForAsync();
        Assert.StartsWith(app.BaseUrl + "/oauth/authorize", page.Url);
    }
}
