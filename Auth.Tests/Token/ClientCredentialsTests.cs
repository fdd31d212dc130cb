using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Tests.Token;

public sealed class ClientCredentialsTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task ClientCredentials_IssuesTokenForTheClientWithoutRefreshToken()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(id, jwt.Subject);
        Assert.False(jwt.TryGetPayloadValue<string>("username", out _));
        Assert.Equal("profile history trade", jwt.GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task ClientCredentials_WithRegisteredAudiencesAndTtl_UsesThem()
    {
        var id = $"svc-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["access"],
            Audiences = ["api.one", "api.two"], AccessTokenTtlSeconds = 600,
        });

        var body = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret!), (Parameters.GrantType, GrantTypes.ClientCredentials)));

        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(["api.one", "api.two"], jwt.Audiences);
        Assert.Equal(600, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
    }

    [Fact]
    public async Task ClientCredentials_ForClientWithoutTheGrant_AnswersUnauthorizedClient()
    {
        var id = $"pw-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.Password], Scopes = ["access"] });

        var response = await app.TokenAsync(AuthApp.Basic(id, secret!), (Parameters.GrantType, GrantTypes.ClientCredentials));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.UnauthorizedClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WithUnknownGrantType_AnswersUnsupportedGrantType()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, "urn:example:magic"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.UnsupportedGrantType, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }
}
