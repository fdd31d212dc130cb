using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Browser;
using Auth.Tests.Infrastructure;
using Auth.Tests.OperatorConsole;
using Microsoft.Playwright;

namespace Auth.Tests.Account;

/// <summary>The connected-apps page in headless Chromium: a user sees the apps holding a grant and cuts one off.</summary>
public sealed class ConnectedAppsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ConnectedApps_UserRevokesAnApp_ItsRefreshTokenIsDeadAtOnceOnASecondInstance()
    {
        var clientId = $"app-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = clientId, Name = "Pocket Broker", GrantTypes = [GrantTypes.Password, GrantTypes.RefreshToken], Scopes = ["profile", "trade"],
        });
        var (_, username) = await app.AddPlainUserAsync();
        var auth = AuthApp.Basic(clientId, secret!);
        var tokens = await AuthApp.JsonAsync(await app.TokenAsync(auth,
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, ConsoleUsers.Password)));
        var (accessToken, refreshToken) = (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
        await using var peer = new PeerInstance(app);
        var other = peer.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PingAsync(other, accessToken)).StatusCode);
        var page = await app.NewPageAsync();

        await ConsoleUsers.SignInAsync(page, app.BaseUrl, "/account/apps", username);
        var apps = page.GetByRole(AriaRole.Heading, new() { Name = "Connected apps" });
        await Assertions.Expect(apps).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pocket Broker" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Trade on your behalf")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke access of Pocket Broker" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Pocket Broker no longer has access to your account.");

        var refresh = await other.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Headers = { Authorization = auth },
            Content = new FormUrlEncodedContent([new(Parameters.GrantType, GrantTypes.RefreshToken), new(Parameters.RefreshToken, refreshToken)]),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(refresh)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await PingAsync(other, accessToken)).StatusCode);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pocket Broker" })).ToHaveCountAsync(0);
    }

    private static Task<HttpResponseMessage> PingAsync(HttpClient client, string accessToken) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/system/ping") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) } });
}
