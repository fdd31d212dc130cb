using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Revocation;

public sealed class RevocationTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Revoke_AccessToken_AnswersEmpty200AndRevokesItAndItsRefreshToken()
    {
        var signIn = await app.SignInAsync();

        var response = await app.RevokeAsync(signIn.ClientAuth, signIn.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.RefreshToken));
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesItsFamilyAccessTokensIncluded()
    {
        var signIn = await app.SignInAsync();
        var rotated = await AuthApp.JsonAsync(await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken));
        var refresh = rotated.GetProperty("refresh_token").GetString()!;

        var response = await app.RevokeAsync(signIn.ClientAuth, refresh, TokenTypeHints.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, refresh));
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, rotated.GetProperty("access_token").GetString()!));
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
    }

    [Fact]
    public async Task Revoke_WithWrongHint_StillRevokesTheToken()
    {
        var signIn = await app.SignInAsync();

        await app.RevokeAsync(signIn.ClientAuth, signIn.RefreshToken, TokenTypeHints.AccessToken);

        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.RefreshToken));
    }

    [Fact]
    public async Task Revoke_AnotherClientsTokens_Answers200AndLeavesThemActive()
    {
        var signIn = await app.SignInAsync();
        var (otherId, otherSecret) = await app.AddStandardClientAsync();

        var access = await app.RevokeAsync(AuthApp.Basic(otherId, otherSecret), signIn.AccessToken);
        var refresh = await app.RevokeAsync(AuthApp.Basic(otherId, otherSecret), signIn.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.True(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
        Assert.True(await app.IsActiveAsync(signIn.ClientAuth, signIn.RefreshToken));
    }

    [Theory]
    [InlineData("unknown-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Revoke_UnknownToken_Answers200(string token)
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.RevokeAsync(AuthApp.Basic(id, secret), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_WithTokenInTheQueryString_RevokesIt()
    {
        var signIn = await app.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/revoke?token={Uri.EscapeDataString(signIn.AccessToken)}");
        request.Headers.Authorization = signIn.ClientAuth;

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
    }

    [Fact]
    public async Task Revoke_WithBadClientCredentials_Is401AndRevokesNothing()
    {
        var signIn = await app.SignInAsync();

        var response = await app.RevokeAsync(AuthApp.Basic(signIn.ClientId, "wrong-secret"), signIn.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
        Assert.True(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
    }

    [Fact]
    public async Task Revoke_WithClientSecretInTheQueryString_IsInvalidRequest()
    {
        var signIn = await app.SignInAsync();

        var response = await app.PostFormAsync($"/revoke?client_id={signIn.ClientId}&client_secret={signIn.ClientSecret}",
            [KeyValuePair.Create(Parameters.Token, signIn.AccessToken)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Ping_WithRevokedAccessToken_Answers401SayingItWasRevoked()
    {
        var signIn = await app.SignInAsync();
        await app.RevokeAsync(signIn.ClientAuth, signIn.AccessToken);

        var response = await app.PingAsync(signIn.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("revoked", challenge);
    }

    [Fact]
    public async Task Revoke_ClientCredentialsToken_RevokesItById()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString()!;

        await app.RevokeAsync(AuthApp.Basic(id, secret), token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PingAsync(token)).StatusCode);
    }
}
