using System.Net;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Introspection;

public sealed class IntrospectionTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Introspect_WithActiveAccessToken_AnswersItsClaimsWithoutJti()
    {
        var signIn = await app.SignInAsync();

        var response = await app.IntrospectAsync(signIn.ClientAuth, signIn.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await AuthApp.JsonAsync(response);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(TokenTypeHints.Bearer, body.GetProperty("token_type").GetString());
        Assert.Equal(AuthApp.Issuer, body.GetProperty("iss").GetString());
        Assert.Equal(signIn.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal(signIn.ClientId, body.GetProperty("aud").GetString());
        Assert.Equal("profile history trade", body.GetProperty("scope").GetString());
        Assert.True(body.TryGetProperty("exp", out _));
        Assert.True(body.TryGetProperty("sub", out _));
        Assert.False(body.TryGetProperty("jti", out _));
    }

    [Fact]
    public async Task Introspect_WithActiveRefreshToken_AnswersRefreshTokenType()
    {
        var signIn = await app.SignInAsync();

        var body = await AuthApp.JsonAsync(await app.IntrospectAsync(signIn.ClientAuth, signIn.RefreshToken));

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(TokenTypeHints.RefreshToken, body.GetProperty("token_type").GetString());
        Assert.Equal(signIn.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal("profile history trade", body.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData(TokenTypeHints.AccessToken)]
    [InlineData(TokenTypeHints.RefreshToken)]
    [InlineData("something_else")]
    public async Task Introspect_WithAnyHint_StillFindsBothKindsOfToken(string hint)
    {
        var signIn = await app.SignInAsync();

        Assert.True(await app.IsActiveAsync(signIn.ClientAuth, signIn.AccessToken, hint));
        Assert.True(await app.IsActiveAsync(signIn.ClientAuth, signIn.RefreshToken, hint));
    }

    [Fact]
    public async Task Introspect_WithTokenInTheQueryString_IsAnswered()
    {
        var signIn = await app.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/introspect?token={Uri.EscapeDataString(signIn.AccessToken)}");
        request.Headers.Authorization = signIn.ClientAuth;

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await AuthApp.JsonAsync(response)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_WithClientSecretPost_IsAnswered()
    {
        var signIn = await app.SignInAsync();

        var response = await app.PostFormAsync("/introspect",
        [
            KeyValuePair.Create(Parameters.Token, signIn.AccessToken),
            KeyValuePair.Create(Parameters.ClientId, signIn.ClientId),
            KeyValuePair.Create(Parameters.ClientSecret, signIn.ClientSecret),
        ]);

        Assert.True((await AuthApp.JsonAsync(response)).GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Introspect_WithGarbageOrUnknownToken_IsInactiveNotAnError(string token)
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.IntrospectAsync(AuthApp.Basic(id, secret), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"active":false}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Introspect_WithoutToken_IsInvalidRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.PostFormAsync("/introspect", [KeyValuePair.Create("other", "x")], AuthApp.Basic(id, secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Introspect_WithWrongClientSecret_Is401InvalidClient()
    {
        var signIn = await app.SignInAsync();

        var response = await app.IntrospectAsync(AuthApp.Basic(signIn.ClientId, "wrong-secret"), signIn.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Introspect_WithoutClientAuthentication_Is401InvalidClient()
    {
        var signIn = await app.SignInAsync();

        var response = await app.IntrospectAsync(null, signIn.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Introspect_ByPublicClient_Is401InvalidClient()
    {
        var signIn = await app.SignInAsync();
        var publicId = $"public-{Guid.NewGuid():N}"[..20];
        await app.AddClientAsync(new NewClient
        {
            Id = publicId, AuthMethods = [ClientAuthMethods.None], GrantTypes = [GrantTypes.RefreshToken], Scopes = ["profile"],
        });

        var response = await app.PostFormAsync("/introspect",
            [KeyValuePair.Create(Parameters.Token, signIn.AccessToken), KeyValuePair.Create(Parameters.ClientId, publicId)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Introspect_ByAnotherClient_IsInactiveForBothTokens()
    {
        var signIn = await app.SignInAsync();
        var (otherId, otherSecret) = await app.AddStandardClientAsync();

        Assert.False(await app.IsActiveAsync(AuthApp.Basic(otherId, otherSecret), signIn.AccessToken));
        Assert.False(await app.IsActiveAsync(AuthApp.Basic(otherId, otherSecret), signIn.RefreshToken));
    }

    [Fact]
    public async Task Introspect_ByResourceServerNamedInAud_SeesTheAccessTokenButNotTheRefreshToken()
    {
        var resourceId = $"rs-{Guid.NewGuid():N}"[..16];
        var resourceSecret = await app.AddClientAsync(new NewClient { Id = resourceId, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["x"] });
        var appId = $"app-{Guid.NewGuid():N}"[..16];
        var appSecret = await app.AddClientAsync(new NewClient
        {
            Id = appId, GrantTypes = [GrantTypes.Password, GrantTypes.RefreshToken], Scopes = ["profile"], Audiences = [resourceId],
        });
        var signIn = await app.SignInAsync((appId, appSecret!));

        var response = await app.IntrospectAsync(AuthApp.Basic(resourceId, resourceSecret!), signIn.AccessToken);

        var body = await AuthApp.JsonAsync(response);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(appId, body.GetProperty("client_id").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("aud").ValueKind);
        Assert.False(await app.IsActiveAsync(AuthApp.Basic(resourceId, resourceSecret!), signIn.RefreshToken));
    }

    [Fact]
    public async Task Introspect_WithRotatedRefreshToken_IsInactive()
    {
        var signIn = await app.SignInAsync();
        await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);

        Assert.False(await app.IsActiveAsync(signIn.ClientAuth, signIn.RefreshToken));
    }
}
