using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.OAuth;

/// <summary>private_key_jwt client authentication (RFC 7523, OpenID Connect Core §9) at every client-authenticated endpoint.</summary>
public sealed class PrivateKeyJwtTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private readonly PeerInstance _peer = new(app);

    public void Dispose() => _peer.Dispose();

    private async Task<(string Id, TestKey Key)> ClientAsync(TestKey? key = null, string? kid = null)
    {
        key ??= TestKey.Es256();
        var id = $"pkj-{Guid.NewGuid():N}"[..18];
        await app.AddClientAsync(new NewClient
        {
            Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["trade"], AuthMethods = [ClientAuthMethods.PrivateKeyJwt],
            ClientSettings = $$"""{"settings.client.jwk-set": {{key.JwksJson(kid)}}}""",
        });
        return (id, key);
    }

    private Task<HttpResponseMessage> TokenAsync(string assertion, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? on = null) =>
        (on ?? app).PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.ClientCredentials)).WithAssertion(assertion));

    private static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("ES256", AuthApp.Issuer)]
    [InlineData("PS256", TokenUri)]
    [InlineData("RS256", AuthApp.Issuer)]
    public async Task Assertion_SignedByTheRegisteredKey_AuthenticatesTheClient(string alg, string audience)
    {
        var (id, key) = await ClientAsync(alg switch { "ES256" => TestKey.Es256(), "PS256" => TestKey.Ps256(), _ => TestKey.Rs256() });

        var response = await TokenAsync(key.Assertion(id, audience, app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReplayedAssertion_IsRefusedOnTheOtherInstance()
    {
        var (id, key) = await ClientAsync();
        var assertion = key.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(assertion)).StatusCode);

        await AssertInvalidClientAsync(await TokenAsync(assertion, _peer));
    }

    [Fact]
    public async Task AssertionForAnotherAudience_IsRefused()
    {
        var (id, key) = await ClientAsync();
        await AssertInvalidClientAsync(await TokenAsync(key.Assertion(id, "https://other-as.example", app.Clock.GetUtcNow())));
        // The URL of another endpoint of ours is not this endpoint.
        await AssertInvalidClientAsync(await TokenAsync(key.Assertion(id, ParUri, app.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task ExpiredOrLongLivedAssertion_IsRefused()
    {
        var (id, key) = await ClientAsync();
        var now = app.Clock.GetUtcNow();
        await AssertInvalidClientAsync(await TokenAsync(key.Assertion(id, AuthApp.Issuer, now.AddMinutes(-10), TimeSpan.FromMinutes(2))));
        await AssertInvalidClientAsync(await TokenAsync(key.Assertion(id, AuthApp.Issuer, now, TimeSpan.FromHours(1))));
    }

    [Fact]
    public async Task AssertionSignedByAnotherKey_OrIssuedByAnotherClient_IsRefused()
    {
        var (id, _) = await ClientAsync();
        var (otherId, otherKey) = await ClientAsync();
        await AssertInvalidClientAsync(await TokenAsync(TestKey.Es256().Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())));
        await AssertInvalidClientAsync(await TokenAsync(otherKey.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow(), issuer: otherId)));
    }

    [Fact]
    public async Task SecretClient_CannotAuthenticateWithAnAssertion()
    {
        var id = $"sec-{Guid.NewGuid():N}"[..18];
        await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["trade"] });
        await AssertInvalidClientAsync(await TokenAsync(TestKey.Es256().Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task IntrospectionAndRevocation_AcceptAssertions()
    {
        var (id, key) = await ClientAsync();
        var token = (await AuthApp.JsonAsync(await TokenAsync(key.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())))).GetProperty("access_token").GetString()!;

        var introspected = await app.PostAsync("/introspect", Form((Parameters.Token, token)).WithAssertion(
            key.Assertion(id, AuthApp.Issuer + "/introspect", app.Clock.GetUtcNow())));
        var revoked = await app.PostAsync("/revoke", Form((Parameters.Token, token)).WithAssertion(key.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())));
        var after = await app.PostAsync("/introspect", Form((Parameters.Token, token)).WithAssertion(key.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())));

        Assert.True((await AuthApp.JsonAsync(introspected)).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await AuthApp.JsonAsync(after)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Metadata_ListsPrivateKeyJwtAndItsAlgorithms()
    {
        var metadata = await AuthApp.JsonAsync(await app.CreateClient().GetAsync("/.well-known/openid-configuration"));
        foreach (var endpoint in new[] { "token_endpoint", "introspection_endpoint", "revocation_endpoint" })
        {
            Assert.Contains(ClientAuthMethods.PrivateKeyJwt, metadata.GetProperty($"{endpoint}_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("ES256", metadata.GetProperty($"{endpoint}_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        }
        Assert.Equal(ParUri, metadata.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.False(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.Equal(["ES256", "PS256", "RS256"], metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()!));
    }
}
