using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Attempts;

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static async Task<HttpResponseMessage> GrantAsync(HttpClient http, (string Id, string Secret) client, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(
                [new(Parameters.GrantType, GrantTypes.Password), new(Parameters.Username, username), new(Parameters.Password, password)]),
        };
        request.Headers.Authorization = AuthApp.Basic(client.Id, client.Secret);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task PasswordGrant_BeyondTheLimitPerAddress_Answers429WithRetryAfter_OtherAddressesUnaffected()
    {
        var client = await app.AddStandardClientAsync();
        await app.AddUserAsync("limited-owner", "pw-1");
        var flood = app.From("127.0.1.2");
        for (var i = 0; i < RateLimitedApp.Limit; i++)
            await GrantAsync(flood, client, $"guess-{i}", "x");
        app.Hasher.Reset();

        var refused = await GrantAsync(flood, client, "limited-owner", "pw-1");
        var owner = await GrantAsync(app.From("127.0.1.3"), client, "limited-owner", "pw-1");
        var machine = await app.TokenAsync(AuthApp.Basic(client.Id, client.Secret), (Parameters.GrantType, GrantTypes.ClientCredentials));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(OAuthErrors.TemporarilyUnavailable, (await AuthApp.JsonAsync(refused)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, machine.StatusCode);
        Assert.Equal(1, app.Hasher.Checks);
    }

    [Fact]
    public async Task SignInPost_BeyondTheLimitPerAddress_Answers429WithRetryAfter()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var query = CodeFlow.Query(client.Id);
        var http = app.From("127.0.1.4", new CookieContainer());
        var token = CodeFlow.FormToken(await (await http.GetAsync("/oauth/authorize" + query)).Content.ReadAsStringAsync());
        HttpResponseMessage Post() => http.PostAsync("/oauth/authorize/sign-in" + query,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("username", "nobody"), new("password", "x")])).Result;

        var answers = Enumerable.Range(0, RateLimitedApp.Limit + 1).Select(_ => Post()).ToList();

        Assert.All(answers.Take(RateLimitedApp.Limit), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

public sealed class AccountCounterTests(LowAccountLimitApp app) : IClassFixture<LowAccountLimitApp>
{
    [Fact]
    public async Task AccountCounter_Engaged_SlowsEverySourceDown_ButDoesNotShutTheOwnerOut()
    {
        var client = await app.AddStandardClientAsync();
        await app.AddUserAsync("popular", "owner-pw");
        foreach (var stranger in new[] { "127.0.2.2", "127.0.2.3", "127.0.2.4" })
            await Send(app.From(stranger), client, "wrong");
        var owner = app.From("127.0.2.9");

        var first = await Send(owner, client, "owner-pw");
        var second = await Send(owner, client, "owner-pw");
        var strangerAgain = await Send(app.From("127.0.2.2"), client, "wrong");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("locked", (await AuthApp.JsonAsync(second)).GetProperty("error_description").GetString());
        Assert.Contains("locked", (await AuthApp.JsonAsync(strangerAgain)).GetProperty("error_description").GetString());
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await Send(owner, client, "owner-pw")).StatusCode);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, (string Id, string Secret) client, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(
                [new(Parameters.GrantType, GrantTypes.Password), new(Parameters.Username, "popular"), new(Parameters.Password, password)]),
        };
        request.Headers.Authorization = AuthApp.Basic(client.Id, client.Secret);
        return await http.SendAsync(request);
    }
}
