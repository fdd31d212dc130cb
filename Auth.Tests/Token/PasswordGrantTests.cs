using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Tests.Token;

public sealed class PasswordGrantTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(string Id, string Secret, string Username, string Password, Guid UserId)> ArrangeAsync(string[]? scopes = null)
    {
        var (id, secret) = await app.AddStandardClientAsync(scopes: scopes);
        var username = $"user-{Guid.NewGuid():N}"[..16];
        var password = "correct horse battery staple";
        var userId = await app.AddUserAsync(username, password);
        return (id, secret, username, password, userId);
    }

    [Fact]
    public async Task Password_WithBasicClientAuth_IssuesSignedAccessAndRefreshToken()
    {
        var (id, secret, username, password, userId) = await ArrangeAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("profile history trade", body.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));

        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(userId.ToString(), jwt.Subject);
        Assert.Equal(username, jwt.GetPayloadValue<string>("username"));
        Assert.Equal(id, jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal(AuthApp.Issuer, jwt.Issuer);
        Assert.Equal([id], jwt.Audiences);
    }

    [Fact]
    public async Task Password_WithCapitalisedRegistryParameters_IssuesToken()
    {
        var (id, secret, username, password, _) = await ArrangeAsync(scopes: ["access"]);

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            ("grant_type", "password"), ("Username", username), ("Password", password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("access", (await AuthApp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Password_WithSecretPost_IssuesToken()
    {
        var (id, secret, username, password, _) = await ArrangeAsync();

        var response = await app.TokenAsync(null, (Parameters.GrantType, GrantTypes.Password), (Parameters.ClientId, id),
            (Parameters.ClientSecret, secret), (Parameters.Username, username), (Parameters.Password, password), (Parameters.Scope, "trade"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("trade", (await AuthApp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Password_WithWrongPassword_AnswersInvalidGrant400()
    {
        var (id, secret, username, _, _) = await ArrangeAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "wrong"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(OAuthErrors.InvalidGrant, body.GetProperty("error").GetString());
        Assert.DoesNotContain("password", body.GetProperty("error_description").GetString()!.Replace("username or password", ""));
    }

    [Fact]
    public async Task Password_WithUnknownUser_AnswersTheSameAsWrongPassword()
    {
        var (id, secret, username, _, _) = await ArrangeAsync();

        var unknown = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, "nobody-" + Guid.NewGuid()), (Parameters.Password, "x")));
        var wrong = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "x")));

        Assert.Equal(wrong.ToString(), unknown.ToString());
    }

    [Fact]
    public async Task Password_AfterFiveFailures_LocksEvenTheRightPassword()
    {
        var (id, secret, username, password, _) = await ArrangeAsync();
        for (var i = 0; i < 5; i++)
            await app.TokenAsync(AuthApp.Basic(id, secret),
                (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "wrong"));

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(OAuthErrors.InvalidGrant, body.GetProperty("error").GetString());
        Assert.Contains("locked", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Password_LockedUnknownUsername_SaysLockedLikeAKnownOne()
    {
        var (id, secret, _, _, _) = await ArrangeAsync();
        var ghost = "ghost-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
            await app.TokenAsync(AuthApp.Basic(id, secret),
                (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, ghost), (Parameters.Password, "wrong"));

        var body = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, ghost), (Parameters.Password, "wrong")));

        Assert.Contains("locked", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Password_AfterLockExpires_AcceptsTheRightPassword()
    {
        var (id, secret, username, password, _) = await ArrangeAsync();
        for (var i = 0; i < 5; i++)
            await app.TokenAsync(AuthApp.Basic(id, secret),
                (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "wrong"));

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Password_WithScopeOutsideClient_AnswersInvalidScope()
    {
        var (id, secret, username, password, _) = await ArrangeAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password),
            (Parameters.Username, username), (Parameters.Password, password), (Parameters.Scope, "profile admin"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidScope, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Password_WithMissingPassword_AnswersInvalidRequest()
    {
        var (id, secret, username, _, _) = await ArrangeAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Password_WithOldHashParameters_UpgradesTheStoredHash()
    {
        var (id, secret, username, password, userId) = await ArrangeAsync();
        var weak = new Auth.Api.Users.IdentityPasswordHasher(100).Hash(password);
        await app.Service<Auth.Data.Users.UserStore>().UpsertAsync(username, weak);

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await app.Service<Auth.Data.Users.UserStore>().FindByUsernameAsync(username))!;
        Assert.NotEqual(weak, stored.PasswordHash);
        Assert.Equal(Auth.Core.Users.PasswordCheck.Success, app.Service<Auth.Core.Users.IPasswordHasher>().Verify(stored.PasswordHash, password));
    }
}
