using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

/// <summary>A short-lived session: 10 minutes idle, 30 minutes at most (the clock of this class moves).</summary>
public sealed class ShortSessionApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [new("Auth:Session:IdleSeconds", "600"), new("Auth:Session:LifetimeSeconds", "1800")];
}

public sealed class SessionLifetimeTests(ShortSessionApp app) : IClassFixture<ShortSessionApp>
{
    private async Task<(CodeFlow Flow, string ClientId)> SignedInWithRememberedConsentAsync()
    {
        var client = OidcClients.Client();
        await app.AddClientAsync(client);
        var (username, _) = await OidcClients.UserAsync(app);
        var flow = new CodeFlow(app);
        var query = OidcClients.Query(client.Id);
        await OidcClients.SignInAsync(flow, query, username);
        var page = await flow.AuthorizeAsync(query);
        await flow.PostAsync("/oauth/authorize/consent" + query,
            [new("__RequestVerificationToken", await CodeFlow.FormTokenAsync(page)), new("decision", "allow"), new("remember", "yes")]);
        return (flow, client.Id);
    }

    private async Task<string?> SilentErrorAsync(CodeFlow flow, string clientId, string extra = "prompt=none")
    {
        var p = CodeFlow.RedirectParameters(await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: extra)));
        return p.TryGetValue("error", out var error) ? error : null;
    }

    [Fact]
    public async Task Session_SlidesWithUse_ButEndsAfterItsIdleTime()
    {
        var (flow, clientId) = await SignedInWithRememberedConsentAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Null(await SilentErrorAsync(flow, clientId));
        app.Clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Null(await SilentErrorAsync(flow, clientId));
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(OAuthErrors.LoginRequired, await SilentErrorAsync(flow, clientId));
    }

    [Fact]
    public async Task Session_UsedWithinItsIdleTime_StillEndsAtItsLifetime()
    {
        var (flow, clientId) = await SignedInWithRememberedConsentAsync();

        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(9));
            Assert.Null(await SilentErrorAsync(flow, clientId));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(OAuthErrors.LoginRequired, await SilentErrorAsync(flow, clientId));
    }

    [Fact]
    public async Task MaxAge_OlderThanTheSignIn_AsksThePasswordAgain()
    {
        var (flow, clientId) = await SignedInWithRememberedConsentAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await SilentErrorAsync(flow, clientId, "prompt=none&max_age=300"));
        Assert.Equal(OAuthErrors.LoginRequired, await SilentErrorAsync(flow, clientId, "prompt=none&max_age=60"));
        var page = await (await flow.AuthorizeAsync(OidcClients.Query(clientId, extra: "max_age=60"))).Content.ReadAsStringAsync();
        Assert.Contains("type=\"password\"", page);
    }
}

public sealed class SessionHousekeepingTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Housekeeping_RemovesSessionsPastTheirLifetime_AndKeepsLiveOnes()
    {
        var (_, userId) = await OidcClients.UserAsync(app);
        var (expired, live) = (Guid.NewGuid().ToByteArray(), Guid.NewGuid().ToByteArray());
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await Dapper.SqlMapper.ExecuteAsync(connection, """
            insert into browser_sessions (handle_hash, user_id, auth_time, idle_until, expires_at) values
                (@expired, @userId, now() - interval '2 days', now() - interval '2 days', now() - interval '1 day'),
                (@live, @userId, now(), now() + interval '10 minutes', now() + interval '1 hour')
            """, new { expired, live, userId });

        await app.Service<Auth.Api.Housekeeping.ExpiredTokenSweeper>().SweepOnceAsync();

        var left = (await Dapper.SqlMapper.QueryAsync<byte[]>(connection, "select handle_hash from browser_sessions where user_id = @userId", new { userId })).ToList();
        Assert.Equal([live], left);
    }
}
