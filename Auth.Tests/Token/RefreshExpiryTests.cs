using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Token;

/// <summary>Tests that move the clock, in a class (and database) of their own.</summary>
public sealed class RefreshExpiryTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Refresh_AfterTheRefreshTokenExpired_IsInvalidGrant()
    {
        var signIn = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromDays(31));

        var response = await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Refresh_RotatedToken_KeepsTheExpiryOfTheSignIn()
    {
        var signIn = await app.SignInAsync();
        var firstExpiry = (await AuthApp.JsonAsync(await app.IntrospectAsync(signIn.ClientAuth, signIn.RefreshToken))).GetProperty("exp").GetInt64();
        app.Clock.Advance(TimeSpan.FromDays(10));

        var rotated = (await AuthApp.JsonAsync(await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken))).GetProperty("refresh_token").GetString()!;

        var rotatedExpiry = (await AuthApp.JsonAsync(await app.IntrospectAsync(signIn.ClientAuth, rotated))).GetProperty("exp").GetInt64();
        Assert.Equal(firstExpiry, rotatedExpiry);
    }

    [Fact]
    public async Task Ping_WithExpiredAccessToken_Answers401SayingItExpired()
    {
        var signIn = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));

        var response = await app.PingAsync(signIn.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("expired", challenge);
    }

    [Fact]
    public async Task Introspect_WithExpiredAccessToken_IsInactive()
    {
        var signIn = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken));
    }
}
