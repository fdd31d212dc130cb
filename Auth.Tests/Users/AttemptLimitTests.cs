using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Users;

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task PasswordGrant_BeyondTheLimitPerAddress_Answers429WithRetryAfter_OtherAddressesUnaffected()
    {
        var client = await app.ClientAndUserAsync("limited-owner", "pw-1");
        var flood = app.From("127.0.1.2");
        for (var i = 0; i < RateLimitedApp.Limit; i++)
            await AttemptsApp.PasswordGrantAsync(flood, client, $"guess-{i}", "x");
        app.Hasher.Reset();

        var refused = await AttemptsApp.PasswordGrantAsync(flood, client, "limited-owner", "pw-1");
        var owner = await AttemptsApp.PasswordGrantAsync(app.From("127.0.1.3"), client, "limited-owner", "pw-1");
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
    public async Task AccountCounter_Engaged_FamiliarSourceIsNotSlowed_UnfamiliarSourcesShareOneCheckPerSlowdown()
    {
        var client = await app.ClientAndUserAsync("popular", "owner-pw");
        var owner = app.From("127.0.2.9");
        Assert.Equal(HttpStatusCode.OK, (await AttemptsApp.PasswordGrantAsync(owner, client, "popular", "owner-pw")).StatusCode);
        foreach (var stranger in new[] { "127.0.2.2", "127.0.2.3", "127.0.2.4" })
            await AttemptsApp.PasswordGrantAsync(app.From(stranger), client, "popular", "wrong");

        var ownerAgain = await AttemptsApp.PasswordGrantAsync(owner, client, "popular", "owner-pw");
        var ownerOnceMore = await AttemptsApp.PasswordGrantAsync(owner, client, "popular", "owner-pw");
        var firstUnfamiliar = await AttemptsApp.PasswordGrantAsync(app.From("127.0.2.5"), client, "popular", "wrong");
        var secondUnfamiliar = await AttemptsApp.PasswordGrantAsync(app.From("127.0.2.6"), client, "popular", "wrong");
        var ownerFromANewPlace = await AttemptsApp.PasswordGrantAsync(app.From("127.0.2.7"), client, "popular", "owner-pw");

        Assert.Equal(HttpStatusCode.OK, ownerAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerOnceMore.StatusCode);
        Assert.DoesNotContain("locked", (await AuthApp.JsonAsync(firstUnfamiliar)).GetProperty("error_description").GetString());
        Assert.Contains("locked", (await AuthApp.JsonAsync(secondUnfamiliar)).GetProperty("error_description").GetString());
        Assert.Contains("locked", (await AuthApp.JsonAsync(ownerFromANewPlace)).GetProperty("error_description").GetString());
        // Slowed down, not shut out: the next slowdown period gives the unfamiliar sources a check again.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await AttemptsApp.PasswordGrantAsync(app.From("127.0.2.7"), client, "popular", "owner-pw")).StatusCode);
    }

}
