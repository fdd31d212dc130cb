using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.Dpop;

/// <summary>The fapi2 client profile: PAR, PKCE S256, DPoP, private_key_jwt, no password grant, 60-second codes.</summary>
public sealed class Fapi2ProfileTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Password = "pw-of-the-user";

    private async Task<(NewClient Client, TestKey Key, string User)> SetUpAsync()
    {
        var key = TestKey.Es256();
        var client = KeyClient(key, profile: "fapi2");
        await app.AddClientAsync(client);
        var user = $"u-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(user, Password);
        return (client, key, user);
    }

    private Task<HttpResponseMessage> PushAsync(NewClient client, TestKey key, string? challenge)
    {
        var form = Form((Parameters.ResponseType, "code"), (Parameters.RedirectUri, CodeFlow.RedirectUri), (Parameters.Scope, "profile"));
        if (challenge is not null)
        {
            form.Add(new(Parameters.CodeChallenge, challenge));
            form.Add(new(Parameters.CodeChallengeMethod, "S256"));
        }
        return app.PostAsync("/oauth/par", form.WithAssertion(key.Assertion(client.Id, AuthApp.Issuer, app.Clock.GetUtcNow())));
    }

    private async Task<string> CodeAsync(NewClient client, TestKey key, string user, string challenge)
    {
        var pushed = await AuthApp.JsonAsync(await PushAsync(client, key, challenge));
        var query = QueryHelpers.AddQueryString("", new Dictionary<string, string?>
        {
            [Parameters.ClientId] = client.Id, [Parameters.RequestUri] = pushed.GetProperty("request_uri").GetString(),
        });
        return await new CodeFlow(app).CodeAsync(query, user, Password);
    }

    private Task<HttpResponseMessage> RedeemAsync(NewClient client, TestKey key, string code, string verifier, string? proof) =>
        app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code),
            (Parameters.RedirectUri, CodeFlow.RedirectUri), (Parameters.CodeVerifier, verifier))
            .WithAssertion(key.Assertion(client.Id, AuthApp.Issuer, app.Clock.GetUtcNow())), proof);

    [Fact]
    public async Task FullProfile_PushedWithPkceAssertionAndProof_GetsABoundToken()
    {
        var (client, key, user) = await SetUpAsync();
        var (verifier, challenge) = CodeFlow.NewPkce();
        var code = await CodeAsync(client, key, user, challenge);

        var response = await RedeemAsync(client, key, code, verifier, key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DpopErrors.TokenType, (await AuthApp.JsonAsync(response)).GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task PlainAuthorizationRequest_IsRefusedWithInvalidRequest()
    {
        var (client, _, _) = await SetUpAsync();
        var (_, challenge) = CodeFlow.NewPkce();

        var response = await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(client.Id, challenge: challenge));

        Assert.Equal(OAuthErrors.InvalidRequest, CodeFlow.RedirectParameters(response)["error"]);
    }

    [Fact]
    public async Task PushedRequestWithoutPkce_IsRefused()
    {
        var (client, key, _) = await SetUpAsync();
        var response = await PushAsync(client, key, challenge: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PKCE", (await AuthApp.JsonAsync(response)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task TokenRequestWithoutAProof_IsRefused()
    {
        var (client, key, user) = await SetUpAsync();
        var (verifier, challenge) = CodeFlow.NewPkce();
        var code = await CodeAsync(client, key, user, challenge);

        var response = await RedeemAsync(client, key, code, verifier, proof: null);

        Assert.Equal(DpopErrors.InvalidDpopProof, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task PasswordGrant_IsRefused()
    {
        var (client, key, user) = await SetUpAsync();
        var response = await app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.Password), (Parameters.Username, user), (Parameters.Password, Password))
            .WithAssertion(key.Assertion(client.Id, AuthApp.Issuer, app.Clock.GetUtcNow())), key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));
        Assert.Equal(OAuthErrors.UnauthorizedClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Codes_LiveAtMostSixtySeconds()
    {
        var (client, key, user) = await SetUpAsync();
        Assert.Equal(300, client.CodeTtlSeconds);
        var (verifier, challenge) = CodeFlow.NewPkce();
        var code = await CodeAsync(client, key, user, challenge);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var response = await RedeemAsync(client, key, code, verifier, key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));

        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public void Registration_RefusesAFapi2ClientThatMayUseASecret()
    {
        var client = KeyClient(TestKey.Es256(), profile: "fapi2") with { AuthMethods = [ClientAuthMethods.PrivateKeyJwt, ClientAuthMethods.SecretBasic] };
        Assert.Contains(client.Problems(), p => p.Contains("fapi2"));
    }
}
