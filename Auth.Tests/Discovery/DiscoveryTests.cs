using System.Text.Json;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Discovery;

public sealed class DiscoveryTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Metadata_AtBothWellKnownPaths_DescribesTheServer(string path)
    {
        var body = await AuthApp.JsonAsync(await app.CreateClient().GetAsync(path));

        Assert.Equal(AuthApp.Issuer, body.GetProperty("issuer").GetString());
        Assert.Equal($"{AuthApp.Issuer}/oauth/token", body.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{AuthApp.Issuer}/.well-known/jwks.json", body.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], body.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    [Fact]
    public async Task AccessToken_VerifiesAgainstThePublishedJwks()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString();
        var jwks = new JsonWebKeySet(await app.CreateClient().GetStringAsync("/.well-known/jwks.json"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = AuthApp.Issuer,
            ValidAudience = id,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Contains(jwks.Keys, k => k.Kid == ((JsonWebToken)result.SecurityToken).Kid);
    }

    [Fact]
    public async Task Jwks_PublishesOnlyPublicKeyMaterial()
    {
        var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        var key = json.GetProperty("keys")[0];

        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }
}
