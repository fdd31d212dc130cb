using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Token;

/// <summary>The id_token of the code, refresh, password and broker-code grants, checked as a relying party checks it.</summary>
public sealed class IdTokenGrantTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<JsonWebToken> VerifiedAsync(string idToken, string clientId)
    {
        var jwks = new JsonWebKeySet(await app.CreateClient().GetStringAsync("/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = AuthApp.Issuer, ValidAudience = clientId, IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"], ValidTypes = ["JWT"], LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return new JsonWebToken(idToken);
    }

    private async Task<(JsonElement Tokens, string ClientId, string Secret, Guid UserId, DateTimeOffset SignedInAt)> CodeFlowAsync(string scope, string? nonce)
    {
        var client = OidcClients.Client();
        var secret = (await app.AddClientAsync(client))!;
        var (username, userId) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        var query = OidcClients.Query(client.Id, scope, nonce is null ? null : "nonce=" + Uri.EscapeDataString(nonce));
        var signedInAt = app.Clock.GetUtcNow();
        var code = await flow.CodeAsync(query, username, OidcClients.Password);
        var response = await OidcClients.RedeemAsync(app, client.Id, secret, code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthApp.JsonAsync(response), client.Id, secret, userId, signedInAt);
    }

    [Fact]
    public async Task CodeGrant_WithOpenId_AnswersAnIdTokenWithNonceAtHashAuthTimeAndAzp()
    {
        var (tokens, clientId, _, userId, signedInAt) = await CodeFlowAsync("openid profile", "n-0S6_WzA2Mj");

        var jwt = await VerifiedAsync(tokens.GetProperty("id_token").GetString()!, clientId);
        Assert.Equal(userId.ToString(), jwt.Subject);
        Assert.Equal(["" + clientId], jwt.Audiences);
        Assert.Equal(clientId, jwt.GetPayloadValue<string>(OidcClaimNames.AuthorizedParty));
        Assert.Equal("n-0S6_WzA2Mj", jwt.GetPayloadValue<string>(OidcClaimNames.Nonce));
        Assert.Equal(IdTokenFactory.AccessTokenHash(tokens.GetProperty("access_token").GetString()!), jwt.GetPayloadValue<string>(OidcClaimNames.AccessTokenHash));
        Assert.InRange(jwt.GetPayloadValue<long>(OidcClaimNames.AuthTime), signedInAt.ToUnixTimeSeconds() - 1, signedInAt.ToUnixTimeSeconds() + 5);
        Assert.True(jwt.ValidTo > jwt.IssuedAt);
    }

    [Fact]
    public async Task CodeGrant_WithoutOpenId_AnswersNoIdToken()
    {
        var (tokens, _, _, _, _) = await CodeFlowAsync("profile history", nonce: "ignored");

        Assert.False(tokens.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Refresh_OfAnOpenIdGrant_AnswersANewIdToken_WithTheOriginalAuthTimeAndNoNonce()
    {
        var (first, clientId, secret, userId, _) = await CodeFlowAsync("openid profile", "n1");
        var original = await VerifiedAsync(first.GetProperty("id_token").GetString()!, clientId);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await app.RefreshAsync(AuthApp.Basic(clientId, secret), first.GetProperty("refresh_token").GetString()!);

        var refreshed = await AuthApp.JsonAsync(response);
        var jwt = await VerifiedAsync(refreshed.GetProperty("id_token").GetString()!, clientId);
        Assert.Equal(userId.ToString(), jwt.Subject);
        Assert.Equal(original.GetPayloadValue<long>(OidcClaimNames.AuthTime), jwt.GetPayloadValue<long>(OidcClaimNames.AuthTime));
        Assert.True(jwt.IssuedAt > original.IssuedAt);
        Assert.False(jwt.TryGetPayloadValue<string>(OidcClaimNames.Nonce, out _));
        Assert.Equal(IdTokenFactory.AccessTokenHash(refreshed.GetProperty("access_token").GetString()!), jwt.GetPayloadValue<string>(OidcClaimNames.AccessTokenHash));
    }

    [Fact]
    public async Task Refresh_NarrowedToWithoutOpenId_AnswersNoIdToken()
    {
        var (first, clientId, secret, _, _) = await CodeFlowAsync("openid profile", null);

        var refreshed = await AuthApp.JsonAsync(await app.RefreshAsync(AuthApp.Basic(clientId, secret), first.GetProperty("refresh_token").GetString()!, "profile"));

        Assert.Equal("profile", refreshed.GetProperty("scope").GetString());
        Assert.False(refreshed.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task PasswordGrant_WithOpenId_AnswersAnIdToken()
    {
        var client = await app.AddStandardClientAsync(scopes: ["openid", "profile"]);
        var (username, userId) = await OidcClients.UserAsync(app);

        var response = await app.TokenAsync(AuthApp.Basic(client.Id, client.Secret), (Parameters.GrantType, GrantTypes.Password),
            (Parameters.Username, username), (Parameters.Password, OidcClients.Password), (Parameters.Scope, "openid profile"));

        var jwt = await VerifiedAsync((await AuthApp.JsonAsync(response)).GetProperty("id_token").GetString()!, client.Id);
        Assert.Equal(userId.ToString(), jwt.Subject);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), jwt.GetPayloadValue<long>(OidcClaimNames.AuthTime), 5d);
    }

    [Fact]
    public async Task BrokersCode_WithOpenId_RedeemsForAnIdToken()
    {
        var brokerId = $"broker-{Guid.NewGuid():N}"[..20];
        var brokerSecret = await app.AddClientAsync(new NewClient { Id = brokerId, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["broker"] });
        var brokerToken = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(brokerId, brokerSecret!), (Parameters.GrantType, GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString();
        var client = OidcClients.Client();
        var secret = (await app.AddClientAsync(client))!;
        var (_, userId) = await OidcClients.UserAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/oauth/authorize")
        {
            Content = new FormUrlEncodedContent([new("client_id", client.Id), new("client_secret", secret), new("redirect_uri", CodeFlow.RedirectUri),
                new("scope", "openid profile"), new("account_id", userId.ToString())]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", brokerToken);
        var code = (await AuthApp.JsonAsync(await app.CreateClient().SendAsync(request))).GetProperty("code").GetString()!;

        var tokens = await AuthApp.JsonAsync(await OidcClients.RedeemAsync(app, client.Id, secret, code));

        Assert.Equal(userId.ToString(), (await VerifiedAsync(tokens.GetProperty("id_token").GetString()!, client.Id)).Subject);
    }
}
