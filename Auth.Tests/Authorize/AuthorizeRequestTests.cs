using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class AuthorizeRequestTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<string> ClientAsync(bool isPublic = false, string[]? grants = null)
    {
        var client = CodeFlow.Client(isPublic: isPublic, grants: grants);
        await app.AddClientAsync(client);
        return client.Id;
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("We can't continue", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageWithoutRedirecting()
    {
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query("no-such-client"));
        await AssertErrorPageAsync(response);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageWithoutRedirecting()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, redirectUri: "https://evil.example/callback"));
        await AssertErrorPageAsync(response);
    }

    [Fact]
    public async Task Authorize_RedirectUriDifferingOnlyByTrailingSlash_ShowsErrorPage()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, redirectUri: CodeFlow.RedirectUri + "/"));
        await AssertErrorPageAsync(response);
    }

    [Fact]
    public async Task Authorize_MissingRedirectUri_ShowsErrorPage()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync($"?client_id={id}&response_type=code");
        await AssertErrorPageAsync(response);
    }

    [Fact]
    public async Task Authorize_RepeatedRedirectUri_ShowsErrorPage()
    {
        var id = await ClientAsync();
        var query = CodeFlow.Query(id) + "&redirect_uri=" + Uri.EscapeDataString("https://evil.example/cb");
        await AssertErrorPageAsync(await new CodeFlow(app).AuthorizeAsync(query));
    }

    [Fact]
    public async Task Authorize_ResponseTypeToken_RedirectsUnsupportedResponseTypeWithStateAndIss()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, responseType: "token"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var p = CodeFlow.RedirectParameters(response);
        Assert.Equal(OAuthErrors.UnsupportedResponseType, p["error"]);
        Assert.Equal("st-123", p[Parameters.State]);
        Assert.Equal(AuthApp.Issuer, p["iss"]);
    }

    [Fact]
    public async Task Authorize_MissingResponseType_RedirectsInvalidRequest()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, responseType: null));
        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_ScopeOutsideClients_RedirectsInvalidScope()
    {
        var id = await ClientAsync();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, scope: "profile admin"));
        Assert.Equal(OAuthErrors.InvalidScope, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_PlainChallengeMethod_RedirectsInvalidRequest()
    {
        var id = await ClientAsync();
        var (verifier, _) = CodeFlow.NewPkce();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, challenge: verifier, method: "plain"));
        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_ChallengeWithoutMethod_RedirectsInvalidRequest()
    {
        var id = await ClientAsync();
        var (_, challenge) = CodeFlow.NewPkce();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, challenge: challenge, method: null));
        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_PublicClientWithoutChallenge_RedirectsInvalidRequest()
    {
        var id = await ClientAsync(isPublic: true);
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id));
        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_ClientWithoutCodeGrant_RedirectsUnauthorizedClient()
    {
        var id = await ClientAsync(grants: [GrantTypes.Password]);
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id));
        Assert.Equal(OAuthErrors.UnauthorizedClient, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task Authorize_ValidRequestAnonymous_ShowsSignInFormThatRefusesFraming()
    {
        var id = await ClientAsync(isPublic: true);
        var (_, challenge) = CodeFlow.NewPkce();
        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(id, scope: "profile+trade", challenge: challenge));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("name=\"username\"", html);
        Assert.Contains("name=\"password\"", html);
        Assert.Contains("Northwind Trading", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "type=\"submit\""));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }
}
