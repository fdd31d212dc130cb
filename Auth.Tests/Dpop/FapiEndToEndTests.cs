using System.Net;
using Auth.Core.Clients;
using Auth.Core.Dpop;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Tests.Dpop;

/// <summary>
/// A FAPI 2.0 client driven by an independent client library (Duende.IdentityModel): discovery,
/// PushAuthorizationAsync, private_key_jwt through ClientAssertion, and a DPoP proof (signed by the
/// test with JsonWebTokenHandler) on every request: PAR, token, resource, refresh, introspection, revocation.
/// </summary>
public sealed class FapiEndToEndTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Password = "pw-of-the-user";

    [Fact]
    public async Task Fapi2Client_WithDuendeIdentityModel_RunsTheWholeFlow()
    {
        var clientKey = TestKey.Ps256();
        var dpopKey = TestKey.Es256();
        var client = FapiClients.KeyClient(clientKey, profile: ClientProfiles.Fapi2);
        await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, Password);
        var http = app.CreateClient();
        // Every request to the server: this client, a fresh private_key_jwt assertion in the form.
        T Signed<T>(T request, string? address) where T : ProtocolRequest
        {
            request.Address = address;
            request.ClientId = client.Id;
            request.ClientAssertion = new() { Type = ClientAssertionValidator.JwtBearerType, Value = clientKey.Assertion(client.Id, AuthApp.Issuer, app.Clock.GetUtcNow()) };
            request.ClientCredentialStyle = ClientCredentialStyle.PostBody;
            return request;
        }
        string Proof(string method, string uri, string? token = null) => dpopKey.Proof(method, uri, app.Clock.GetUtcNow(), accessToken: token);
        async Task<HttpStatusCode> PingAsync(string accessToken)
        {
            using var ping = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
            ping.SetDPoPToken(accessToken, Proof("GET", FapiClients.PingUri, accessToken));
            return (await http.SendAsync(ping)).StatusCode;
        }

        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = AuthApp.Issuer, Policy = { RequireHttps = false } });
        Assert.False(disco.IsError, disco.Error);
        Assert.Contains("ES256", disco.DPoPSigningAlgorithmsSupported);

        var (verifier, challenge) = CodeFlow.NewPkce();
        var pushed = await http.PushAuthorizationAsync(Signed(new PushedAuthorizationRequest
        {
            ResponseType = "code",
            RedirectUri = CodeFlow.RedirectUri,
            Scope = "profile trade",
            State = "st-e2e",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            DPoPKeyThumbprint = dpopKey.Thumbprint,
            DPoPProofToken = Proof("POST", disco.PushedAuthorizationRequestEndpoint!),
        }, disco.PushedAuthorizationRequestEndpoint));
        Assert.False(pushed.IsError, pushed.Error);
        Assert.Equal(60, pushed.ExpiresIn);

        // The browser's part: the sign-in and consent pages, reached with client_id and request_uri only.
        var query = QueryHelpers.AddQueryString("", new Dictionary<string, string?> { ["client_id"] = client.Id, ["request_uri"] = pushed.RequestUri });
        var code = await new CodeFlow(app).CodeAsync(query, user, Password);

        var tokens = await http.RequestAuthorizationCodeTokenAsync(Signed(new AuthorizationCodeTokenRequest
        {
            Code = code,
            RedirectUri = CodeFlow.RedirectUri,
            CodeVerifier = verifier,
            DPoPProofToken = Proof("POST", disco.TokenEndpoint!),
        }, disco.TokenEndpoint));
        Assert.False(tokens.IsError, tokens.Error + " " + tokens.ErrorDescription);
        Assert.Equal(DpopErrors.TokenType, tokens.TokenType);

        Assert.Equal(HttpStatusCode.OK, await PingAsync(tokens.AccessToken!));

        var refreshed = await http.RequestRefreshTokenAsync(Signed(new RefreshTokenRequest
        {
            RefreshToken = tokens.RefreshToken!,
            DPoPProofToken = Proof("POST", disco.TokenEndpoint!),
        }, disco.TokenEndpoint));
        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        Assert.Equal(DpopErrors.TokenType, refreshed.TokenType);

        var introspection = await http.IntrospectTokenAsync(Signed(new TokenIntrospectionRequest { Token = refreshed.AccessToken! }, disco.IntrospectionEndpoint));
        Assert.True(introspection.IsActive, introspection.Error);
        Assert.Equal(dpopKey.Thumbprint, introspection.Json!.Value.GetProperty("cnf").GetProperty("jkt").GetString());

        var revocation = await http.RevokeTokenAsync(Signed(new TokenRevocationRequest { Token = refreshed.AccessToken! }, disco.RevocationEndpoint));
        Assert.False(revocation.IsError, revocation.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(refreshed.AccessToken!));
    }
}
