using System.Net;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.Dpop;

/// <summary>DPoP at the token endpoint (RFC 9449 §5), on real PostgreSQL, with a second instance sharing the database.</summary>
public sealed class DpopTokenTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private readonly PeerInstance _peer = new(app);

    public void Dispose() => _peer.Dispose();

    private async Task<(string Id, string Secret)> SecretClientAsync(string? settings = null)
    {
        var id = $"cc-{Guid.NewGuid():N}"[..18];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = id, GrantTypes = [GrantTypes.ClientCredentials, GrantTypes.Password, GrantTypes.RefreshToken], Scopes = ["trade"],
            ClientSettings = settings ?? "{}",
        });
        return (id, secret!);
    }

    private async Task<HttpResponseMessage> ClientCredentialsAsync((string Id, string Secret) client, string? proof, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? on = null) =>
        await (on ?? app).PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.ClientCredentials)), proof, AuthApp.Basic(client.Id, client.Secret));

    private static async Task AssertErrorAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ClientCredentials_WithAValidProof_IssuesATokenBoundToTheKey()
    {
        var key = TestKey.Es256();
        var response = await ClientCredentialsAsync(await SecretClientAsync(), key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(DpopErrors.TokenType, body.GetProperty("token_type").GetString());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(key.Thumbprint, jwt.GetPayloadValue<JsonElement>("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task ClientCredentials_WithoutAProof_IsStillABearerToken()
    {
        var body = await AuthApp.JsonAsync(await ClientCredentialsAsync(await SecretClientAsync(), null));
        Assert.Equal(TokenTypeHints.Bearer, body.GetProperty("token_type").GetString());
        Assert.False(new JsonWebToken(body.GetProperty("access_token").GetString()).TryGetPayloadValue<JsonElement>("cnf", out _));
    }

    [Fact]
    public async Task ProofForAnotherUri_IsRefused() =>
        await AssertErrorAsync(await ClientCredentialsAsync(await SecretClientAsync(), TestKey.Es256().Proof("POST", ParUri, app.Clock.GetUtcNow())), DpopErrors.InvalidDpopProof);

    [Fact]
    public async Task ProofForAnotherMethod_IsRefused() =>
        await AssertErrorAsync(await ClientCredentialsAsync(await SecretClientAsync(), TestKey.Es256().Proof("GET", TokenUri, app.Clock.GetUtcNow())), DpopErrors.InvalidDpopProof);

    [Fact]
    public async Task StaleProof_IsRefused() =>
        await AssertErrorAsync(await ClientCredentialsAsync(await SecretClientAsync(), TestKey.Es256().Proof("POST", TokenUri, app.Clock.GetUtcNow().AddMinutes(-2))), DpopErrors.InvalidDpopProof);

    [Fact]
    public async Task ProofReplayedOnTheOtherInstance_IsRefused()
    {
        var client = await SecretClientAsync();
        var proof = TestKey.Es256().Proof("POST", TokenUri, app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(client, proof)).StatusCode);

        var replay = await ClientCredentialsAsync(client, proof, _peer);

        await AssertErrorAsync(replay, DpopErrors.InvalidDpopProof);
        Assert.Contains("used before", (await AuthApp.JsonAsync(replay)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task ClientThatRequiresDpop_WithoutAProof_IsRefused()
    {
        var client = await SecretClientAsync(Settings(requireDpop: true));
        await AssertErrorAsync(await ClientCredentialsAsync(client, null), DpopErrors.InvalidDpopProof);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(client, TestKey.Es256().Proof("POST", TokenUri, app.Clock.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task Introspection_OfABoundToken_ReturnsCnfAndTokenTypeDpop()
    {
        var key = TestKey.Es256();
        var (token, id, secret) = await app.DpopClientCredentialsAsync(key);

        var body = await AuthApp.JsonAsync(await app.IntrospectAsync(AuthApp.Basic(id, secret), token));

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(DpopErrors.TokenType, body.GetProperty("token_type").GetString());
        Assert.Equal(key.Thumbprint, body.GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task PublicClientRefreshToken_IsBoundToTheKeyOfItsProof()
    {
        var client = CodeFlow.Client(isPublic: true);
        await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, "pw-of-the-user");
        var (verifier, challenge) = CodeFlow.NewPkce();
        var query = CodeFlow.Query(client.Id, challenge: challenge);
        var code = await new CodeFlow(app).CodeAsync(query, user, "pw-of-the-user");
        var key = TestKey.Es256();
        var tokens = await AuthApp.JsonAsync(await app.PostAsync("/oauth/token", Form(
            (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri),
            (Parameters.CodeVerifier, verifier), (Parameters.ClientId, client.Id)), key.Proof("POST", TokenUri, app.Clock.GetUtcNow())));
        Assert.Equal(DpopErrors.TokenType, tokens.GetProperty("token_type").GetString());
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        List<KeyValuePair<string, string>> RefreshForm() =>
            Form((Parameters.GrantType, GrantTypes.RefreshToken), (Parameters.RefreshToken, refresh), (Parameters.ClientId, client.Id));

        var withoutProof = await app.PostAsync("/oauth/token", RefreshForm());
        var withOtherKey = await app.PostAsync("/oauth/token", RefreshForm(), TestKey.Es256().Proof("POST", TokenUri, app.Clock.GetUtcNow()));
        var withItsKey = await app.PostAsync("/oauth/token", RefreshForm(), key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));

        await AssertErrorAsync(withoutProof, OAuthErrors.InvalidGrant);
        await AssertErrorAsync(withOtherKey, OAuthErrors.InvalidGrant);
        Assert.Equal(HttpStatusCode.OK, withItsKey.StatusCode);
    }

    [Fact]
    public async Task CodeBoundWithDpopJkt_IsRedeemedOnlyWithAProofByThatKey()
    {
        var client = CodeFlow.Client();
        var secret = await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, "pw-of-the-user");
        var key = TestKey.Es256();
        var query = CodeFlow.Query(client.Id) + "&dpop_jkt=" + key.Thumbprint;
        var code = await new CodeFlow(app).CodeAsync(query, user, "pw-of-the-user");
        var form = Form((Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri));

        var otherKey = await app.PostAsync("/oauth/token", form, TestKey.Es256().Proof("POST", TokenUri, app.Clock.GetUtcNow()), AuthApp.Basic(client.Id, secret!));

        await AssertErrorAsync(otherKey, OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task CodeBoundWithDpopJkt_WithItsKey_IssuesABoundToken()
    {
        var client = CodeFlow.Client();
        var secret = await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, "pw-of-the-user");
        var key = TestKey.Es256();
        var code = await new CodeFlow(app).CodeAsync(CodeFlow.Query(client.Id) + "&dpop_jkt=" + key.Thumbprint, user, "pw-of-the-user");

        var response = await app.PostAsync("/oauth/token",
            Form((Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri)),
            key.Proof("POST", TokenUri, app.Clock.GetUtcNow()), AuthApp.Basic(client.Id, secret!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DpopErrors.TokenType, (await AuthApp.JsonAsync(response)).GetProperty("token_type").GetString());
    }
}

/// <summary>The service with server nonces required (RFC 9449 §8).</summary>
public sealed class NonceApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Auth:Dpop:RequireNonce", "true")];
}

public sealed class DpopNonceTests(NonceApp app) : IClassFixture<NonceApp>
{
    [Fact]
    public async Task ProofWithoutNonce_GetsUseDpopNonceWithANonce_AndTheRetryWithItSucceeds()
    {
        var id = $"n-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["trade"] });
        var key = TestKey.Es256();
        var form = Form((Parameters.GrantType, GrantTypes.ClientCredentials));

        var first = await app.PostAsync("/oauth/token", form, key.Proof("POST", TokenUri, app.Clock.GetUtcNow()), AuthApp.Basic(id, secret!));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(DpopErrors.UseDpopNonce, (await AuthApp.JsonAsync(first)).GetProperty("error").GetString());
        var nonce = first.Headers.GetValues(DpopErrors.NonceHeader).Single();

        var forged = await app.PostAsync("/oauth/token", form, key.Proof("POST", TokenUri, app.Clock.GetUtcNow(), nonce: nonce + "x"), AuthApp.Basic(id, secret!));
        var retry = await app.PostAsync("/oauth/token", form, key.Proof("POST", TokenUri, app.Clock.GetUtcNow(), nonce: nonce), AuthApp.Basic(id, secret!));

        Assert.Equal(DpopErrors.UseDpopNonce, (await AuthApp.JsonAsync(forged)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(retry.Headers.Contains(DpopErrors.NonceHeader));
    }

    [Fact]
    public async Task ExpiredNonce_IsRefused()
    {
        var id = $"n-{Guid.NewGuid():N}"[..16];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["trade"] });
        var key = TestKey.Es256();
        var form = Form((Parameters.GrantType, GrantTypes.ClientCredentials));
        var first = await app.PostAsync("/oauth/token", form, key.Proof("POST", TokenUri, app.Clock.GetUtcNow()), AuthApp.Basic(id, secret!));
        var nonce = first.Headers.GetValues(DpopErrors.NonceHeader).Single();

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var late = await app.PostAsync("/oauth/token", form, key.Proof("POST", TokenUri, app.Clock.GetUtcNow(), nonce: nonce), AuthApp.Basic(id, secret!));

        Assert.Equal(DpopErrors.UseDpopNonce, (await AuthApp.JsonAsync(late)).GetProperty("error").GetString());
    }
}
