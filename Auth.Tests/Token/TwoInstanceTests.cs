using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Token;

/// <summary>Two service instances sharing one database: a revocation through one holds at once on the other.</summary>
public sealed class TwoInstanceTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private readonly PeerInstance _peer = new(app);

    public void Dispose() => _peer.Dispose();

    private async Task<HttpResponseMessage> OnPeerAsync(HttpRequestMessage request)
    {
        using (request)
            return await _peer.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> PeerPingAsync(string accessToken) => OnPeerAsync(new HttpRequestMessage(HttpMethod.Get, "/api/system/ping")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) },
    });

    private async Task<bool> PeerIntrospectAsync(AuthenticationHeaderValue auth, string token)
    {
        var response = await OnPeerAsync(new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Headers = { Authorization = auth },
            Content = new FormUrlEncodedContent([KeyValuePair.Create(Parameters.Token, token)]),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("active").GetBoolean();
    }

    [Fact]
    public async Task AccessTokenRevokedOnOneInstance_IsInactiveAndRefusedOnTheOther()
    {
        var signIn = await app.SignInAsync();
        Assert.True(await PeerIntrospectAsync(signIn.ClientAuth, signIn.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await PeerPingAsync(signIn.AccessToken)).StatusCode);

        await app.RevokeAsync(signIn.ClientAuth, signIn.AccessToken);

        Assert.False(await PeerIntrospectAsync(signIn.ClientAuth, signIn.AccessToken));
        var ping = await PeerPingAsync(signIn.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
        Assert.Contains("revoked", ping.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task RefreshTokenRevokedOnOneInstance_IsInactiveOnTheOtherWithItsAccessToken()
    {
        var signIn = await app.SignInAsync();

        await app.RevokeAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.False(await PeerIntrospectAsync(signIn.ClientAuth, signIn.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PeerPingAsync(signIn.AccessToken)).StatusCode);
    }
}
