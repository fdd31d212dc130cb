using System.Net;
using System.Net.Http.Headers;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.Dpop;

/// <summary>DPoP at our protected resources (RFC 9449 §7): the ping, the admin and the broker APIs.</summary>
public sealed class DpopResourceTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private readonly PeerInstance _peer = new(app);

    public void Dispose() => _peer.Dispose();

    private static void AssertChallenge(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("DPoP ", challenge);
        Assert.Contains($"error=\"{error}\"", challenge);
        Assert.Contains("algs=\"ES256 PS256 RS256\"", challenge);
    }

    [Fact]
    public async Task BoundToken_WithTheDpopSchemeAndAProofByItsKey_IsAccepted()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key);

        var response = await app.PingAsync("DPoP", token, key.Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BoundToken_PresentedAsBearer_IsRefused()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key);

        var withoutProof = await app.PingAsync("Bearer", token);
        var withProof = await app.PingAsync("Bearer", token, key.Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: token));

        AssertChallenge(withoutProof, OAuthErrors.InvalidToken);
        AssertChallenge(withProof, OAuthErrors.InvalidToken);
    }

    [Fact]
    public async Task ProofByAnotherKey_IsRefused()
    {
        var (token, _, _) = await app.DpopClientCredentialsAsync(TestKey.Es256());

        var response = await app.PingAsync("DPoP", token, TestKey.Es256().Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: token));

        AssertChallenge(response, DpopErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task ProofForAnotherToken_AthMismatch_IsRefused()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key);

        var response = await app.PingAsync("DPoP", token, key.Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: token + "x"));

        AssertChallenge(response, DpopErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task DpopScheme_WithoutAProof_IsRefused()
    {
        var (token, _, _) = await app.DpopClientCredentialsAsync(TestKey.Es256());
        AssertChallenge(await app.PingAsync("DPoP", token), DpopErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task ProofReplayedAtTheOtherInstance_IsRefused()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key);
        var proof = key.Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: token);
        Assert.Equal(HttpStatusCode.OK, (await app.PingAsync("DPoP", token, proof)).StatusCode);

        AssertChallenge(await _peer.PingAsync("DPoP", token, proof), DpopErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task BearerToken_WithTheDpopScheme_IsRefused()
    {
        var signIn = await app.SignInAsync();
        AssertChallenge(await app.PingAsync("DPoP", signIn.AccessToken, TestKey.Es256().Proof("GET", PingUri, app.Clock.GetUtcNow(), accessToken: signIn.AccessToken)),
            OAuthErrors.InvalidToken);
    }

    [Fact]
    public async Task PlainBearerToken_StillWorksAsBearer()
    {
        var signIn = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.PingAsync("Bearer", signIn.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AdminApi_AcceptsABoundAdminTokenWithItsProof_AndRefusesItAsBearer()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key, ["admin"]);
        var uri = AuthApp.Issuer + "/api/v1/auth/client";

        using var dpop = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/client");
        dpop.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        dpop.Headers.Add(DpopErrors.ProofHeader, key.Proof("GET", uri, app.Clock.GetUtcNow(), accessToken: token));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/client");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(dpop)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task BrokerApi_AcceptsABoundBrokerTokenWithItsProof()
    {
        var key = TestKey.Es256();
        var (token, _, _) = await app.DpopClientCredentialsAsync(key, ["broker"]);
        var (clientId, _) = await app.AddStandardClientAsync();
        var path = $"/v1/oauth/clients/{clientId}";

        using var dpop = new HttpRequestMessage(HttpMethod.Get, path + "?response_type=code&redirect_uri=https://app.example/callback&scope=profile");
        dpop.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        dpop.Headers.Add(DpopErrors.ProofHeader, key.Proof("GET", AuthApp.Issuer + path, app.Clock.GetUtcNow(), accessToken: token));

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(dpop)).StatusCode);
    }
}
