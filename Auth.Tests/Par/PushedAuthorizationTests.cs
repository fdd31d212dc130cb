using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Api.Par;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.Par;

/// <summary>Pushed authorization requests (RFC 9126) on real PostgreSQL, across two instances.</summary>
public sealed class PushedAuthorizationTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private const string Password = "pw-of-the-user";
    private readonly PeerInstance _peer = new(app);

    public void Dispose() => _peer.Dispose();

    private async Task<(NewClient Client, string Secret, string User)> SetUpAsync(string settings = "{}")
    {
        var client = CodeFlow.Client() with { ClientSettings = settings };
        var secret = await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, Password);
        return (client, secret!, user);
    }

    private Task<HttpResponseMessage> PushAsync(NewClient client, string secret, params (string, string)[] extra) =>
        app.PostAsync("/oauth/par", Form([
            (Parameters.ResponseType, "code"), (Parameters.RedirectUri, CodeFlow.RedirectUri), (Parameters.Scope, "profile history"),
            (Parameters.State, "st-par"), .. extra]), auth: AuthApp.Basic(client.Id, secret));

    private static async Task<string> RequestUriAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(60, body.GetProperty("expires_in").GetInt32());
        var uri = body.GetProperty("request_uri").GetString()!;
        Assert.StartsWith(ParEndpoints.RequestUriPrefix, uri);
        return uri;
    }

    private static string Query(string clientId, string requestUri) =>
        QueryHelpers.AddQueryString("", new Dictionary<string, string?> { [Parameters.ClientId] = clientId, [Parameters.RequestUri] = requestUri });

    [Fact]
    public async Task PushedRequest_IsAuthorizedThroughItsRequestUri_AndTheCodeWorks()
    {
        var (client, secret, user) = await SetUpAsync();
        var requestUri = await RequestUriAsync(await PushAsync(client, secret));
        var flow = new CodeFlow(app);

        var signIn = await flow.SignInAsync(Query(client.Id, requestUri), user, Password);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var redirect = await flow.DecideAsync(Query(client.Id, requestUri), "allow");
        var parameters = CodeFlow.RedirectParameters(redirect);

        Assert.Equal("st-par", parameters[Parameters.State]);
        var token = await app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, parameters[Parameters.Code]), (Parameters.RedirectUri, CodeFlow.RedirectUri)), auth: AuthApp.Basic(client.Id, secret));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("profile history", (await AuthApp.JsonAsync(token)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task RequestUri_IsSingleUse_EvenOnTheOtherInstance()
    {
        var (client, secret, user) = await SetUpAsync();
        var requestUri = await RequestUriAsync(await PushAsync(client, secret));
        var flow = new CodeFlow(app);
        await flow.CodeAsync(Query(client.Id, requestUri), user, Password);

        var again = await new CodeFlow(_peer, flow.Cookies).AuthorizeAsync(Query(client.Id, requestUri));

        var html = await again.Content.ReadAsStringAsync();
        Assert.Contains("expired or was already used", html);
        Assert.DoesNotContain("name=\"decision\"", html);
    }

    [Fact]
    public async Task RequestUri_ExpiresAfterSixtySeconds()
    {
        var (client, secret, _) = await SetUpAsync();
        var requestUri = await RequestUriAsync(await PushAsync(client, secret));

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var late = await new CodeFlow(app).AuthorizeAsync(Query(client.Id, requestUri));

        Assert.Contains("expired or was already used", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestUri_OfAnotherClient_IsRefused()
    {
        var (client, secret, _) = await SetUpAsync();
        var (other, _, _) = await SetUpAsync();
        var requestUri = await RequestUriAsync(await PushAsync(client, secret));

        var page = await new CodeFlow(app).AuthorizeAsync(Query(other.Id, requestUri));

        Assert.Contains("expired or was already used", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ParametersInTheQuery_BesideTheRequestUri_AreIgnored()
    {
        var (client, secret, user) = await SetUpAsync();
        var requestUri = await RequestUriAsync(await PushAsync(client, secret));
        var query = Query(client.Id, requestUri) + "&scope=trade&state=from-query&redirect_uri=https%3A%2F%2Fevil.example%2Fcb";

        var code = await new CodeFlow(app).CodeAsync(query, user, Password);

        var token = await app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri)), auth: AuthApp.Basic(client.Id, secret));
        Assert.Equal("profile history", (await AuthApp.JsonAsync(token)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task InvalidPushedRequest_IsRefusedAtThePushAsTheAuthorizeEndpointWould()
    {
        var (client, secret, _) = await SetUpAsync();

        var badRedirect = await app.PostAsync("/oauth/par", Form((Parameters.ResponseType, "code"), (Parameters.RedirectUri, "https://evil.example/cb")),
            auth: AuthApp.Basic(client.Id, secret));
        var badScope = await PushAsync(client, secret, ("code_challenge_method", "plain"));
        var nested = await PushAsync(client, secret, (Parameters.RequestUri, ParEndpoints.RequestUriPrefix + "x"));

        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(badRedirect)).GetProperty("error").GetString());
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(badScope)).GetProperty("error").GetString());
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(nested)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Push_WithoutClientAuthentication_IsInvalidClient()
    {
        var (client, _, _) = await SetUpAsync();
        var response = await app.PostAsync("/oauth/par", Form((Parameters.ClientId, client.Id), (Parameters.ResponseType, "code"),
            (Parameters.RedirectUri, CodeFlow.RedirectUri)), auth: AuthApp.Basic(client.Id, "wrong-secret-wrong-secret-wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ClientThatRequiresPar_IsRefusedAPlainAuthorizationRequest()
    {
        var (client, _, _) = await SetUpAsync(Settings(requirePar: true));

        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(client.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var parameters = CodeFlow.RedirectParameters(response);
        Assert.Equal(OAuthErrors.InvalidRequest, parameters["error"]);
        Assert.Contains("pushed", parameters["error_description"]);
    }
}

/// <summary>The service with PAR required of every client (RFC 9126 §5).</summary>
public sealed class ParRequiredApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Auth:Par:Required", "true")];
}

public sealed class ServerWideParTests(ParRequiredApp app) : IClassFixture<ParRequiredApp>
{
    [Fact]
    public async Task ServerSwitch_RefusesPlainRequests_AndSaysSoInTheMetadata()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);

        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(client.Id));
        var metadata = await AuthApp.JsonAsync(await app.CreateClient().GetAsync("/.well-known/oauth-authorization-server"));

        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
        Assert.True(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }
}
