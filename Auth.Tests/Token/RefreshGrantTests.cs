using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Token;

public sealed class RefreshGrantTests(AuthApp app) : IClassFixture<AuthApp>
{
    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await AuthApp.JsonAsync(response)).GetProperty("error").GetString()!;

    [Fact]
    public async Task Refresh_WithValidToken_IssuesNewAccessAndRefreshTokens()
    {
        var signIn = await app.SignInAsync();

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.NotEqual(signIn.RefreshToken, body.GetProperty("refresh_token").GetString());
        Assert.NotEqual(signIn.AccessToken, body.GetProperty("access_token").GetString());
        Assert.Equal("profile history trade", body.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.PingAsync(body.GetProperty("access_token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithRotatedToken_FailsAndRevokesTheWholeFamily()
    {
        var signIn = await app.SignInAsync();
        var first = await AuthApp.JsonAsync(await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken));
        var childAccess = first.GetProperty("access_token").GetString()!;
        var childRefresh = first.GetProperty("refresh_token").GetString()!;

        var replay = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(replay));
        Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(await app.RefreshAsync(signIn.ClientAuth, childRefresh)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PingAsync(childAccess)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PingAsync(signIn.AccessToken)).StatusCode);
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, childRefresh));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Refresh token reuse") && l.Contains(signIn.ClientId));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(signIn.RefreshToken) || l.Contains(childRefresh));
    }

    [Fact]
    public async Task Refresh_WithTwentyConcurrentUsesOfOneToken_LetsExactlyOneWin()
    {
        var signIn = await app.SignInAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(loser));
    }

    [Fact]
    public async Task Refresh_WithAnotherClientsToken_FailsAndLeavesTheTokenUsable()
    {
        var signIn = await app.SignInAsync();
        var other = await app.AddStandardClientAsync();

        var response = await app.RefreshAsync(AuthApp.Basic(other.Id, other.Secret), signIn.RefreshToken);

        Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(response));
        Assert.Equal(HttpStatusCode.OK, (await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithNarrowerScope_IssuesTheNarrowerScope()
    {
        var signIn = await app.SignInAsync(scope: "profile history");

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken, scope: "history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("history", (await AuthApp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Refresh_WithNarrowerScope_LetsTheNewRefreshTokenKeepTheOriginalScope()
    {
        var signIn = await app.SignInAsync(scope: "profile history");
        var narrowed = await AuthApp.JsonAsync(await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken, scope: "history"));

        var response = await app.RefreshAsync(signIn.ClientAuth, narrowed.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("profile history", (await AuthApp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Refresh_WithScopeWiderThanTheOriginalGrant_IsInvalidScope()
    {
        var signIn = await app.SignInAsync(scope: "profile");

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken, scope: "profile trade");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidScope, await ErrorOf(response));
    }

    [Fact]
    public async Task Refresh_WithoutScope_KeepsTheOriginalScope()
    {
        var signIn = await app.SignInAsync(scope: "trade");

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.Equal("trade", (await AuthApp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Refresh_WithUnknownToken_IsInvalidGrant()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.RefreshAsync(AuthApp.Basic(id, secret), Core.Security.RandomTokens.New());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(response));
    }

    [Fact]
    public async Task Refresh_WithoutRefreshTokenParameter_IsInvalidRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.RefreshToken));

        Assert.Equal(OAuthErrors.InvalidRequest, await ErrorOf(response));
    }

    [Fact]
    public async Task Refresh_AfterTheFamilyWasRevoked_IsInvalidGrant()
    {
        var signIn = await app.SignInAsync();
        await app.RevokeAsync(signIn.ClientAuth, signIn.AccessToken);

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.Equal(OAuthErrors.InvalidGrant, await ErrorOf(response));
    }
}
