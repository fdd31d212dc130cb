using Auth.Tests.Authorize;
using System.Net;
using System.Net.Http.Headers;
using Auth.Core.OpenIdConnect;
using Auth.Data.Users;
using Auth.Tests.Infrastructure;
using Dapper;

namespace Auth.Tests.UserInfo;

public sealed class UserInfoTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(string AccessToken, Guid UserId, string Username)> TokenAsync(string scope)
    {
        var client = await app.AddStandardClientAsync(scopes: ["openid", "profile", "email", "trade"]);
        var signIn = await app.SignInAsync(client, scope);
        var username = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(signIn.AccessToken).GetPayloadValue<string>("username");
        var user = await app.Service<UserStore>().FindByCanonicalUsernameAsync(Auth.Core.Users.Usernames.Canonical(username)!);
        await app.Service<UserStore>().SetProfileAsync(user!.Id, new ProfileFields("Alice Liddell", "Alice", null, "alice@example.com", true));
        return (signIn.AccessToken, user.Id, username);
    }

    private async Task<HttpResponseMessage> UserInfoAsync(string? token, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/oauth/userinfo");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task UserInfo_GetWithOpenIdProfileEmail_AnswersSubAndTheScopesClaims()
    {
        var (token, userId, username) = await TokenAsync("openid profile email");

        var response = await UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(userId.ToString(), body.GetProperty("sub").GetString());
        Assert.Equal("Alice Liddell", body.GetProperty(OidcClaimNames.Name).GetString());
        Assert.Equal(username, body.GetProperty(OidcClaimNames.PreferredUsername).GetString());
        Assert.Equal("Alice", body.GetProperty(OidcClaimNames.GivenName).GetString());
        Assert.False(body.TryGetProperty(OidcClaimNames.FamilyName, out _));
        Assert.True(body.GetProperty(OidcClaimNames.UpdatedAt).GetInt64() > 0);
        Assert.Equal("alice@example.com", body.GetProperty(OidcClaimNames.Email).GetString());
        Assert.True(body.GetProperty(OidcClaimNames.EmailVerified).GetBoolean());
    }

    [Fact]
    public async Task UserInfo_PostWithOpenIdOnly_AnswersSubAlone()
    {
        var (token, userId, _) = await TokenAsync("openid");

        var response = await UserInfoAsync(token, HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal([("sub", userId.ToString())], body.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Fact]
    public async Task UserInfo_TokenWithoutOpenId_Is403InsufficientScope()
    {
        var (token, _, _) = await TokenAsync("profile trade");

        var response = await UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_NoToken_IsBare401_AndABadToken401InvalidToken()
    {
        var none = await UserInfoAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());

        var bad = await UserInfoAsync("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("invalid_token", bad.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_UserDisabledSinceTheTokenWasIssued_Is401InvalidToken()
    {
        var (token, userId, _) = await TokenAsync("openid profile");
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("update users set enabled = false where id = @userId", new { userId });

        var response = await UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_ClientCredentialsTokenWithOpenId_Is401InvalidToken()
    {
        var (id, secret) = await app.AddStandardClientAsync(scopes: ["openid"]);
        var body = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", "client_credentials"), ("scope", "openid")));

        var response = await UserInfoAsync(body.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
