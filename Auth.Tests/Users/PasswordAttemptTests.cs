using System.Net;
using System.Text.Json;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Dapper;

namespace Auth.Tests.Users;

public sealed class PasswordAttemptTests(AttemptsApp app) : IClassFixture<AttemptsApp>
{
    private const string Password = "correct horse battery staple";

    private static FormUrlEncodedContent Grant(string username, string password) => new(
    [
        new(Parameters.GrantType, GrantTypes.Password), new(Parameters.Username, username), new(Parameters.Password, password),
    ]);


    private async Task<long> CounterRowsAsync(string canonical)
    {
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from password_attempts where username = @canonical", new { canonical });
    }

    private static string NewName(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Grant_200ConcurrentWrongGuesses_CheckAtMostTheLimit()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        var http = app.From("127.0.0.2");
        app.Hasher.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => AttemptsApp.PasswordGrantAsync(http, client, username, "wrong")));

        Assert.InRange(app.Hasher.Checks, 1, 5);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, (await AttemptsApp.PasswordGrantAsync(http, client, username, Password)).StatusCode);
    }

    [Fact]
    public async Task Grant_200ConcurrentWrongGuessesAcrossTwoInstances_CheckAtMostTheLimit()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        await using var peer = new CountingPeer(app);
        var first = app.From("127.0.0.2");
        var second = peer.CreateClient();
        _ = await AttemptsApp.PasswordGrantAsync(second, client, NewName("warm"), "x"); // Note: start the peer before the burst.
        app.Hasher.Reset();

        // Note: the peer runs in-process without sockets, so its source differs from the first's:
        // one source on each instance, both counted against one account in one database.
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            AttemptsApp.PasswordGrantAsync(i % 2 == 0 ? first : second, client, username, "wrong")));

        Assert.InRange(app.Hasher.Checks, 1, 10);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
    }

    [Fact]
    public async Task Grant_200ConcurrentWrongGuessesFromOneSourceOnTwoInstances_CheckAtMostTheLimit()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        await using var peer = new CountingPeer(app);
        var second = peer.CreateClient();
        _ = await AttemptsApp.PasswordGrantAsync(second, client, NewName("warm"), "x");
        app.Hasher.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => AttemptsApp.PasswordGrantAsync(second, client, username, "wrong"))
            .Concat(Enumerable.Range(0, 200).Select(_ => app.TokenAsync(AuthApp.Basic(client.Id, client.Secret),
                (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "wrong")))));

        // The peer's in-process requests and the first instance's own client (through Kestrel) are two sources.
        Assert.InRange(app.Hasher.Checks, 1, 10);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
    }

    [Fact]
    public async Task Page_200ConcurrentWrongGuesses_CheckAtMostTheLimit()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var username = NewName();
        await app.AddUserAsync(username, Password);
        var query = CodeFlow.Query(client.Id, state: "s");
        var http = app.From("127.0.0.4", new CookieContainer());
        var token = CodeFlow.FormToken(await (await http.GetAsync("/oauth/authorize" + query)).Content.ReadAsStringAsync());
        app.Hasher.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.PostAsync("/oauth/authorize/sign-in" + query,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("username", username), new("password", "wrong")]))));

        Assert.InRange(app.Hasher.Checks, 1, 5);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())),
            html => Assert.True(html.Contains("locked") || html.Contains("The username or password is incorrect.")));
    }

    [Fact]
    public async Task Grant_20ConcurrentCorrectLogins_AllSucceed()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        var http = app.From("127.0.0.5");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AttemptsApp.PasswordGrantAsync(http, client, username, Password)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task Spellings_VictimUpperAndFullwidth_ShareOneAccountAndOneCounter()
    {
        var name = NewName("victim");
        var client = await app.ClientAndUserAsync(name.ToUpperInvariant(), Password);
        var fullwidth = string.Concat(name.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'ａ') : c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c));
        var http = app.From("127.0.0.6");

        foreach (var spelling in new[] { name, name.ToUpperInvariant(), fullwidth, " " + name + " " })
        {
            var answer = await AttemptsApp.PasswordGrantAsync(http, client, spelling, Password);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, spelling + ": " + await answer.Content.ReadAsStringAsync());
        }
        foreach (var spelling in new[] { name, name.ToUpperInvariant(), fullwidth, name, fullwidth })
            await AttemptsApp.PasswordGrantAsync(http, client, spelling, "wrong");

        foreach (var spelling in new[] { name, name.ToUpperInvariant(), fullwidth })
        {
            var locked = await AttemptsApp.PasswordGrantAsync(http, client, spelling, Password);
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.Contains("locked", (await AuthApp.JsonAsync(locked)).GetProperty("error_description").GetString());
        }
        Assert.Equal(2, await CounterRowsAsync(name)); // the account counter and this source's
    }

    [Fact]
    public async Task Spelling_WithDottedCapitalI_IsAnotherAccountWithItsOwnCounter_Consistently()
    {
        var name = "v" + Guid.NewGuid().ToString("N")[..8] + "ictim";
        var dotted = name.Replace("ictim", "\u0130ctim");
        var client = await app.ClientAndUserAsync(name, Password);
        var http = app.From("127.0.0.7");
        for (var i = 0; i < 5; i++)
            await AttemptsApp.PasswordGrantAsync(http, client, name, "wrong");

        var answer = await AttemptsApp.PasswordGrantAsync(http, client, dotted, Password);

        // U+0130 does not fold to "i": not the victim's account, so not the victim's tokens, and its own counter.
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("Invalid username or password.", (await AuthApp.JsonAsync(answer)).GetProperty("error_description").GetString());
        var canonicalDotted = Auth.Core.Users.Usernames.Canonical(dotted)!;
        Assert.NotEqual(name, canonicalDotted);
        Assert.Equal(2, await CounterRowsAsync(canonicalDotted));
        Assert.Null(await app.Service<Auth.Data.Users.UserStore>().FindByCanonicalUsernameAsync(canonicalDotted));
    }

    [Fact]
    public async Task LockedSource_DoesNotLockTheOwnerSigningInFromAnotherAddress()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        var stranger = app.From("127.0.0.8");
        for (var i = 0; i < 5; i++)
            await AttemptsApp.PasswordGrantAsync(stranger, client, username, "wrong");

        var strangerAgain = await AttemptsApp.PasswordGrantAsync(stranger, client, username, Password);
        var owner = await AttemptsApp.PasswordGrantAsync(app.From("127.0.0.9"), client, username, Password);

        Assert.Contains("locked", (await AuthApp.JsonAsync(strangerAgain)).GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Theory]
    [InlineData(257, false)]
    [InlineData(10, true)]
    public async Task ImpossibleUsername_FailsWithoutAHashOrARow(int length, bool controlCharacter)
    {
        var client = await app.AddStandardClientAsync();
        var username = controlCharacter ? "bad\u0007name" : new string('a', length);
        var http = app.From("127.0.0.10");
        app.Hasher.Reset();

        var answer = await AttemptsApp.PasswordGrantAsync(http, client, username, "whatever");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(answer)).GetProperty("error").GetString());
        Assert.Equal(0, app.Hasher.Checks);
        Assert.Equal(0, await CounterRowsAsync(username.ToLowerInvariant()));
    }

    [Fact]
    public async Task Reservation_OfAProcessThatDied_StopsCountingAfterItsLease()
    {
        var username = NewName();
        var client = await app.ClientAndUserAsync(username, Password);
        var http = app.From("127.0.0.11");
        Assert.Equal(HttpStatusCode.OK, (await AttemptsApp.PasswordGrantAsync(http, client, username, Password)).StatusCode);
        // Five checks in flight on a source, whose leases ended a minute ago: their process died.
        var dead = JsonSerializer.Serialize(Enumerable.Range(0, 5).ToDictionary(i => $"dead{i}", _ => DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()));
        await using (var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString))
        await using (var connection = await dataSource.OpenConnectionAsync())
            Assert.Equal(1, await connection.ExecuteAsync(
                "update password_attempts set in_flight = @dead::jsonb where username = @username and source <> ''", new { dead, username }));

        var answer = await AttemptsApp.PasswordGrantAsync(http, client, username, Password);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
