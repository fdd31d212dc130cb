using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Bearer;

public sealed class ResourcePingTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<HttpResponseMessage> PingAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.CreateClient().SendAsync(request);
    }

    private async Task<string> AccessTokenAsync(int ttlSeconds = 3600)
    {
        var id = $"ping-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["access"], AccessTokenTtlSeconds = ttlSeconds,
        });
        var body = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret!), (Parameters.GrantType, GrantTypes.ClientCredentials)));
        return body.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Ping_WithValidToken_Answers200()
    {
        var response = await PingAsync(await AccessTokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ping_WithoutToken_Answers401WithBareBearerChallenge()
    {
        var response = await PingAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Ping_WithInvalidToken_Answers401InvalidToken(string token)
    {
        var response = await PingAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Ping_WithTamperedToken_Answers401InvalidToken()
    {
        var token = await AccessTokenAsync();
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1][..^2]}AA.{parts[2]}";

        var response = await PingAsync(tampered);

        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Ping_WithExpiredToken_SaysExpired()
    {
        var token = await AccessTokenAsync(ttlSeconds: 60);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await PingAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("expired", challenge);
    }
}
