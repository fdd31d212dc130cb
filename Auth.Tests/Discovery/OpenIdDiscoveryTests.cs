using Auth.Tests.Authorize;
using System.Text.Json;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Discovery;

public sealed class OpenIdDiscoveryTests(AuthApp app) : IClassFixture<AuthApp>
{
    private static IEnumerable<string?> Strings(JsonElement body, string name) => body.GetProperty(name).EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task OpenIdConfiguration_HasEveryRequiredAndRecommendedDiscoveryField()
    {
        var body = await AuthApp.JsonAsync(await app.CreateClient().GetAsync("/.well-known/openid-configuration"));

        // OpenID Connect Discovery 1.0 §3: REQUIRED.
        Assert.Equal(AuthApp.Issuer, body.GetProperty("issuer").GetString());
        Assert.Equal($"{AuthApp.Issuer}/oauth/authorize", body.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{AuthApp.Issuer}/oauth/token", body.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{AuthApp.Issuer}/.well-known/jwks.json", body.GetProperty("jwks_uri").GetString());
        Assert.Equal(["code"], Strings(body, "response_types_supported"));
        Assert.Equal(["public"], Strings(body, "subject_types_supported"));
        Assert.Equal(["RS256"], Strings(body, "id_token_signing_alg_values_supported"));
        // RECOMMENDED, and RP-Initiated Logout 1.0 §2.1.
        Assert.Equal($"{AuthApp.Issuer}/oauth/userinfo", body.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal($"{AuthApp.Issuer}/oauth/logout", body.GetProperty("end_session_endpoint").GetString());
        Assert.Subset(Strings(body, "scopes_supported").ToHashSet(), new HashSet<string?> { "openid", "profile", "email" });
        Assert.Subset(Strings(body, "claims_supported").ToHashSet(),
            new HashSet<string?> { "sub", "name", "preferred_username", "given_name", "family_name", "updated_at", "email", "email_verified", "auth_time", "nonce" });
        // Discovery 1.0 §3: absent means true, so it must say false.
        Assert.False(body.GetProperty("request_uri_parameter_supported").GetBoolean());
        Assert.Equal(["none", "login", "consent"], Strings(body, "prompt_values_supported"));
    }

    [Fact]
    public async Task OAuthMetadata_NamesScopesSupported()
    {
        var body = await AuthApp.JsonAsync(await app.CreateClient().GetAsync("/.well-known/oauth-authorization-server"));

        Assert.Contains("openid", Strings(body, "scopes_supported"));
        Assert.Contains("trade", Strings(body, "scopes_supported"));
    }
}
