using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Broker;

public sealed class BrokerTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<HttpClient> BrokerAsync(string scope = "broker")
    {
        var id = $"broker-{Guid.NewGuid():N}"[..20];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = [scope] });
        var token = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret!), (Parameters.GrantType, GrantTypes.ClientCredentials)));
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    private async Task<(string Id, string Secret, Guid AccountId)> AppAndAccountAsync()
    {
        var client = CodeFlow.Client();
        var secret = await app.AddClientAsync(client);
        var account = await app.AddUserAsync($"u{Guid.NewGuid():N}"[..12], "correct horse");
        return (client.Id, secret!, account);
    }

    private static FormUrlEncodedContent Body(string id, string secret, Guid account, string redirectUri = CodeFlow.RedirectUri, string scope = "profile trade") =>
        new([new("client_id", id), new("client_secret", secret), new("redirect_uri", redirectUri), new("scope", scope), new("account_id", account.ToString())]);

    private async Task<HttpStatusCode> PingAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Broker_WithoutBearerToken_Is401()
    {
        var response = await app.CreateClient().GetAsync("/v1/oauth/clients/anything");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Broker_TokenWithoutBrokerScope_Is403()
    {
        var http = await BrokerAsync(scope: "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/v1/oauth/clients/anything")).StatusCode);
    }

    [Fact]
    public async Task GetClient_Registered_AnswersTheDocumentsShape()
    {
        var http = await BrokerAsync();
        var (id, _, _) = await AppAndAccountAsync();

        var response = await http.GetAsync($"/v1/oauth/clients/{id}?response_type=code&redirect_uri={Uri.EscapeDataString(CodeFlow.RedirectUri)}&scope=profile+trade");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(id, body.GetProperty("client_id").GetString());
        Assert.Equal("Northwind Trading", body.GetProperty("name").GetString());
        Assert.Equal("ACTIVE", body.GetProperty("status").GetString());
        Assert.Equal(CodeFlow.RedirectUri, body.GetProperty("redirect_uri")[0].GetString());
        Assert.False(body.GetProperty("live_trading_approved").GetBoolean());
        foreach (var field in new[] { "description", "url", "terms_of_use", "privacy_policy" })
            Assert.True(body.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task GetClient_Unknown_Is401()
    {
        var http = await BrokerAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/oauth/clients/no-such-client")).StatusCode);
    }

    [Theory]
    [InlineData("response_type=token")]
    [InlineData("redirect_uri=https%3A%2F%2Fevil.example%2F")]
    [InlineData("scope=admin")]
    public async Task GetClient_BadParameter_Is422(string query)
    {
        var http = await BrokerAsync();
        var (id, _, _) = await AppAndAccountAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.GetAsync($"/v1/oauth/clients/{id}?{query}")).StatusCode);
    }

    [Fact]
    public async Task Authorize_ForAccount_IssuesCodeTheClientRedeemsAtTokenEndpoint()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();

        var response = await http.PostAsync("/v1/oauth/authorize", Body(id, secret, account));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(id, body.GetProperty("client_id").GetString());
        Assert.Equal(CodeFlow.RedirectUri, body.GetProperty("redirect_uri").GetString());
        Assert.Equal("profile trade", body.GetProperty("scope").GetString());
        var redeemed = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, body.GetProperty("code").GetString()!), (Parameters.RedirectUri, CodeFlow.RedirectUri));
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
    }

    [Fact]
    public async Task Authorize_JsonBody_IsAccepted()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();
        var response = await http.PostAsJsonAsync("/v1/oauth/authorize",
            new { client_id = id, client_secret = secret, redirect_uri = CodeFlow.RedirectUri, scope = "profile", account_id = account });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_WrongSecret_Is401()
    {
        var http = await BrokerAsync();
        var (id, _, account) = await AppAndAccountAsync();
        var response = await http.PostAsync("/v1/oauth/authorize", Body(id, "wrong-secret-wrong-secret-wrong-secret", account));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_BadRedirectScopeOrAccount_Is422()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();

        var badRedirect = await http.PostAsync("/v1/oauth/authorize", Body(id, secret, account, redirectUri: "https://evil.example/"));
        var badScope = await http.PostAsync("/v1/oauth/authorize", Body(id, secret, account, scope: "admin"));
        var badAccount = await http.PostAsync("/v1/oauth/authorize", Body(id, secret, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRedirect.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badScope.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badAccount.StatusCode);
    }

    [Fact]
    public async Task Token_ForAccount_IssuesWorkingBearerToken()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();

        var response = await http.PostAsync("/v1/oauth/token", Body(id, secret, account));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("profile trade", body.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, await PingAsync(body.GetProperty("access_token").GetString()!));
    }

    [Fact]
    public async Task Token_WrongSecretOrBadRedirect_Is401Or422()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/v1/oauth/token", Body(id, "nope-nope-nope-nope-nope-nope-nope-nope", account))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.PostAsync("/v1/oauth/token", Body(id, secret, account, redirectUri: "https://evil.example/"))).StatusCode);
    }

    [Fact]
    public async Task DeleteToken_ByJti_Answers204AndRevokesTheTokenAndItsFamily()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();
        var issued = await AuthApp.JsonAsync(await http.PostAsync("/v1/oauth/token", Body(id, secret, account)));
        var accessToken = issued.GetProperty("access_token").GetString()!;
        var jti = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(accessToken).Id;

        var response = await http.DeleteAsync($"/v1/oauth/token/{jti}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(accessToken));
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<bool>(connection,
            "select exists (select 1 from revoked_access_tokens where jti = @jti)", new { jti = Guid.Parse(jti) }));
        var refresh = issued.GetProperty("refresh_token").GetString()!;
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<bool>(connection,
            "select f.revoked_at is not null from refresh_tokens r join token_families f on f.id = r.family_id where r.token_hash = @h",
            new { h = Auth.Core.Security.SecretHasher.Hash(refresh) }));
    }

    [Fact]
    public async Task DeleteToken_CodeFlowToken_Answers204AndRevokesIt()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();
        var code = (await AuthApp.JsonAsync(await http.PostAsync("/v1/oauth/authorize", Body(id, secret, account)))).GetProperty("code").GetString()!;
        var tokens = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri)));
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        var response = await http.DeleteAsync($"/v1/oauth/token/{new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(accessToken).Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(accessToken));
    }

    [Fact]
    public async Task DeleteToken_OfAnotherBrokersToken_Is404AndTheTokenStaysActive()
    {
        var (issuer, other) = (await BrokerAsync(), await BrokerAsync());
        var (id, secret, account) = await AppAndAccountAsync();
        var accessToken = (await AuthApp.JsonAsync(await issuer.PostAsync("/v1/oauth/token", Body(id, secret, account))))
            .GetProperty("access_token").GetString()!;

        var response = await other.DeleteAsync($"/v1/oauth/token/{JtiOf(accessToken)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PingAsync(accessToken));
    }

    [Fact]
    public async Task DeleteToken_OfATokenFromTheBrowsersCodeFlow_Is404AndTheTokenStaysActive()
    {
        var http = await BrokerAsync();
        var (id, secret, _) = await AppAndAccountAsync();
        var username = $"u{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(username, "correct horse");
        var code = await new CodeFlow(app).CodeAsync(CodeFlow.Query(id), username, "correct horse");
        var accessToken = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri))))
            .GetProperty("access_token").GetString()!;

        var response = await http.DeleteAsync($"/v1/oauth/token/{JtiOf(accessToken)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PingAsync(accessToken));
    }

    [Fact]
    public async Task DeleteToken_OfATokenRefreshedFromTheBrokers_Answers204AndRevokesIt()
    {
        var http = await BrokerAsync();
        var (id, secret, account) = await AppAndAccountAsync();
        var issued = await AuthApp.JsonAsync(await http.PostAsync("/v1/oauth/token", Body(id, secret, account)));
        var refreshed = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.RefreshToken), (Parameters.RefreshToken, issued.GetProperty("refresh_token").GetString()!)));
        var accessToken = refreshed.GetProperty("access_token").GetString()!;

        var response = await http.DeleteAsync($"/v1/oauth/token/{JtiOf(accessToken)}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(accessToken));
    }

    private static string JtiOf(string accessToken) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(accessToken).Id;

    [Fact]
    public async Task DeleteToken_UnknownId_Is404()
    {
        var http = await BrokerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/v1/oauth/token/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/v1/oauth/token/not-a-uuid")).StatusCode);
    }
}
