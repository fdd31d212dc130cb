using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class SignInPageTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(string Query, string ClientId)> RequestAsync()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        return (CodeFlow.Query(client.Id), client.Id);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsHttpOnlyLaxCookieAndReturnsToAuthorize()
    {
        var (query, _) = await RequestAsync();
        await app.AddUserAsync("alice", "correct horse");

        var response = await new CodeFlow(app).SignInAsync(query, "alice", "correct horse");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/oauth/authorize" + query, response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsFormAgainWithGenericMessage()
    {
        var (query, _) = await RequestAsync();
        await app.AddUserAsync("bob", "correct horse");

        var response = await new CodeFlow(app).SignInAsync(query, "bob", "wrong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The username or password is incorrect.", html);
        Assert.Contains("name=\"password\"", html);
        Assert.DoesNotContain("auth.session=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
    }

    [Fact]
    public async Task SignIn_UnknownUser_ShowsTheSameGenericMessage()
    {
        var (query, _) = await RequestAsync();
        var response = await new CodeFlow(app).SignInAsync(query, "nobody-here", "whatever");
        Assert.Contains("The username or password is incorrect.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountForThePasswordGrantToo()
    {
        var (query, _) = await RequestAsync();
        var (clientId, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("carol", "correct horse");
        var flow = new CodeFlow(app);
        for (var i = 0; i < 5; i++)
            await flow.SignInAsync(query, "carol", "wrong");

        var page = await flow.SignInAsync(query, "carol", "correct horse");
        var grant = await app.TokenAsync(AuthApp.Basic(clientId, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, "carol"), (Parameters.Password, "correct horse"));

        Assert.Contains("locked", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Contains("locked", (await AuthApp.JsonAsync(grant)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        var (query, _) = await RequestAsync();
        await app.AddUserAsync("dave", "correct horse");
        var flow = new CodeFlow(app);
        await flow.AuthorizeAsync(query);

        var response = await flow.PostAsync("/oauth/authorize/sign-in" + query, [new("username", "dave"), new("password", "correct horse")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task SignIn_PostWithBadRedirectUri_ShowsErrorPage()
    {
        var (_, clientId) = await RequestAsync();
        var flow = new CodeFlow(app);
        var response = await flow.PostAsync("/oauth/authorize/sign-in" + CodeFlow.Query(clientId, redirectUri: "https://evil.example/"),
            [new("username", "x"), new("password", "y")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
