using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Core.Tokens;
using Auth.Data.Keys;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Tests.Hosting;

/// <summary>
/// Two instances of the service on one database, as behind a load balancer: nothing one
/// instance creates is needed from its memory by the other.
/// </summary>
public sealed class ScaleOutTests(AuthApp app) : IClassFixture<AuthApp>, IAsyncLifetime
{
    private WebApplicationFactory<Program> _other = null!;

    public Task InitializeAsync()
    {
        // A second host: its own singletons (key ring, client cache, data-protection cache), the same database.
        _other = app.WithWebHostBuilder(b => b.UseSetting("Auth:Keys:RefreshSeconds", "1"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task TokenFromOneInstance_VerifiesAndIntrospectsOnTheOther()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString()!;

        using var ping = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        Assert.Equal(HttpStatusCode.OK, (await _other.CreateClient().SendAsync(ping)).StatusCode);
        using var introspect = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Headers = { Authorization = AuthApp.Basic(id, secret) },
            Content = new FormUrlEncodedContent([KeyValuePair.Create(Parameters.Token, token)]),
        };
        var answer = await AuthApp.JsonAsync(await _other.CreateClient().SendAsync(introspect));
        Assert.True(answer.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task KeysRotatedThroughOneInstance_AreServedAndUsedByBoth()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        _ = _other.CreateClient();
        var key = SigningKey.Generate();

        await app.Service<SigningKeyStore>().RotateAsync(key.Kid, app.Service<Auth.Api.Keys.KeyEncryptionKeys>().Protect(key), TimeSpan.FromSeconds(10));
        await app.Service<SigningKeyRing>().LoadAsync();

        // The other instance reloads on its own (every second here; every 5 s by default).
        var kid = "";
        for (var attempt = 0; attempt < 50 && kid != key.Kid; attempt++)
        {
            await Task.Delay(200);
            var response = await _other.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Headers = { Authorization = AuthApp.Basic(id, secret) },
                Content = new FormUrlEncodedContent([KeyValuePair.Create(Parameters.GrantType, GrantTypes.ClientCredentials)]),
            });
            kid = new JsonWebToken((await AuthApp.JsonAsync(response)).GetProperty("access_token").GetString()).Kid;
        }
        Assert.Equal(key.Kid, kid);
        Assert.Contains(key.Kid, await _other.CreateClient().GetStringAsync("/.well-known/jwks.json"));
        Assert.Contains(key.Kid, await app.CreateClient().GetStringAsync("/.well-known/jwks.json"));
    }

    [Fact]
    public async Task ConsentFormRenderedByOneInstance_IsAcceptedByTheOther()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        await app.AddUserAsync("scale-user", "correct horse");
        var query = CodeFlow.Query(client.Id);
        var first = new CodeFlow(app);
        await first.SignInAsync(query, "scale-user", "correct horse");
        var page = await (await first.AuthorizeAsync(query)).Content.ReadAsStringAsync();
        var antiforgery = CodeFlow.FormToken(page);

        var second = new CodeFlow(_other, first.Cookies);
        var response = await second.PostAsync("/oauth/authorize/consent" + query, [new("__RequestVerificationToken", antiforgery), new("decision", "allow")]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.True(CodeFlow.RedirectParameters(response).ContainsKey(Parameters.Code));
    }

    [Fact]
    public async Task FailuresOnOneInstance_LockTheUsernameOnTheOther()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("scale-lock", "right");
        for (var i = 0; i < 5; i++)
            await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, "scale-lock"), (Parameters.Password, "wrong"));

        var response = await _other.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Headers = { Authorization = AuthApp.Basic(id, secret) },
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create(Parameters.GrantType, GrantTypes.Password),
                KeyValuePair.Create(Parameters.Username, "scale-lock"),
                KeyValuePair.Create(Parameters.Password, "right")]),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("locked", (await AuthApp.JsonAsync(response)).GetProperty("error_description").GetString());
    }
}
