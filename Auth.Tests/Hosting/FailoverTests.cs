using System.Collections.Concurrent;
using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Core.Tokens;
using Auth.Data.Keys;
using Auth.Data.Migrations;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Hosting;

/// <summary>
/// A primary with a synchronous hot standby; the primary crashes under load and the standby is
/// promoted. Through a multi-host connection string, and again through PgBouncer in transaction
/// mode: the gap answers only 503, nothing answered 200 is lost, nothing single-use is used twice,
/// the listener and the key ring re-attach to the new primary, and an instance started in the gap waits.
/// </summary>
public sealed class FailoverTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public Task Failover_ThroughMultiHostConnectionString_LosesNothingAndAnswersOnly503InTheGap() => RunScenarioAsync(throughPgBouncer: false);

    [Fact]
    public Task Failover_ThroughPgBouncerInTransactionMode_LosesNothingAndAnswersOnly503InTheGap() => RunScenarioAsync(throughPgBouncer: true);

    private static async Task RunScenarioAsync(bool throughPgBouncer)
    {
        await using var cluster = await ReplicatedPostgres.StartAsync(synchronous: true);
        await using var bouncer = throughPgBouncer ? await PgBouncerProcess.StartAsync(cluster.Primary) : null;
        var settings = Settings(cluster, bouncer);
        await using var app = new ClusterApp(settings);

        // migrate refuses a standby (issue 14 item 4).
        await using (var onStandby = Auth.Data.DataSetup.CreateDataSource(cluster.Standby.ConnectionString(ReplicatedPostgres.Database)))
            await Assert.ThrowsAsync<MigrationOnStandbyException>(() => new Migrator(onStandby).ApplyAsync());

        var (id, secret) = await app.AddStandardClientAsync();
        var auth = AuthApp.Basic(id, secret);
        var (otherId, otherSecret) = await app.AddStandardClientAsync();
        var username = $"user-{Guid.NewGuid():N}"[..16];
        await app.AddUserAsync(username, Password);
        await WaitForAsync(() => app.Service<ClientCache>().IsListening);

        var machineToken = await AccessTokenAsync(app, auth);
        var (userToken, rotated) = await PasswordGrantAsync(app, auth, username);
        var rotatedTo = await RefreshAsync(app, auth, rotated);
        Assert.NotNull(rotatedTo);
        // The other client is looked up (and cached) before the failover; it is disabled after it.
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(otherId, otherSecret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);

        var load = new Load(app, auth, username, machineToken);
        var running = load.RunAsync();
        await WaitForAsync(() => load.Answered >= 30);

        ClusterApp? latecomer = null;
        Task? latecomerStarted = null;
        await cluster.FailOverAsync(TimeSpan.FromSeconds(2), inGap: () =>
        {
            // An instance that starts while there is no primary waits instead of exiting.
            latecomer = new ClusterApp(settings);
            latecomerStarted = Task.Run(() => latecomer.CreateClient());
            return Task.CompletedTask;
        });
        if (bouncer is not null)
            await bouncer.PointAtAsync(cluster.Standby);
        var promotedAt = load.Answered;
        await WaitForAsync(() => load.OkSince(promotedAt) >= 30);
        await load.StopAsync(running);

        var faults = string.Join("\n", app.Logs.Lines.Where(l => l.Contains("ExceptionHandler", StringComparison.Ordinal)).Select(l => l[..Math.Min(l.Length, 1500)]).Take(2));
        Assert.All(load.Statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)s} in the failover: {faults}"));
        // Note: PgBouncer holds queries while it has no server (query_wait_timeout), so requests through it wait instead.
        if (bouncer is null)
            Assert.Contains(HttpStatusCode.ServiceUnavailable, load.Statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, load.Readiness);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/readyz")).StatusCode);
        await latecomerStarted!;
        Assert.Equal(HttpStatusCode.OK, (await latecomer!.CreateClient().GetAsync("/readyz")).StatusCode);
        await latecomer.DisposeAsync();

        // Tokens from before the failover still verify and introspect.
        Assert.True(await app.IsActiveAsync(auth, machineToken));
        Assert.True(await app.IsActiveAsync(auth, userToken));
        Assert.Equal(HttpStatusCode.OK, (await app.PingAsync(userToken)).StatusCode);
        // The refresh token rotated just before cannot be used again after it.
        Assert.Null(await RefreshAsync(app, auth, rotated));
        // Every refresh token answered 200 in the run survives (synchronous replication), and redeems once only.
        Assert.NotEmpty(load.RefreshTokens);
        foreach (var token in load.RefreshTokens)
            Assert.NotNull(await RefreshAsync(app, auth, token));
        foreach (var token in load.RefreshTokens.Take(20))
            Assert.Null(await RefreshAsync(app, auth, token));

        // The client-change listener is back on the new primary: a client disabled there is refused at once.
        await WaitForAsync(() => app.Service<ClientCache>().IsListening);
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(otherId, otherSecret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
        await using (var newPrimary = new NpgsqlConnection(cluster.Standby.ConnectionString(ReplicatedPostgres.Database)))
            await newPrimary.ExecuteAsync("update clients set enabled = false where id = @otherId", new { otherId });
        await WaitForAsync(async () => (await app.TokenAsync(AuthApp.Basic(otherId, otherSecret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode != HttpStatusCode.OK,
            TimeSpan.FromSeconds(10));

        // The key ring reloads from the new primary: a key rotated there is published.
        var key = SigningKey.Generate();
        await app.Service<SigningKeyStore>().RotateAsync(key.Kid, app.Service<Auth.Api.Keys.KeyEncryptionKeys>().Protect(key), TimeSpan.FromSeconds(10));
        await WaitForAsync(async () => (await app.CreateClient().GetStringAsync("/.well-known/jwks.json")).Contains(key.Kid), TimeSpan.FromSeconds(10));
    }

    private static Dictionary<string, string> Settings(ReplicatedPostgres cluster, PgBouncerProcess? bouncer)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Auth"] = bouncer?.ConnectionString(ReplicatedPostgres.Database) ?? cluster.MultiHostConnectionString,
            ["ConnectionStrings:AuthListen"] = cluster.MultiHostConnectionString,
            ["Auth:Keys:RefreshSeconds"] = "1",
            ["Auth:Database:StartupWaitSeconds"] = "60",
        };
        if (bouncer is not null)
            settings["Auth:Database:AutoPrepare"] = "false";
        return settings;
    }

    private static async Task<string> AccessTokenAsync(AuthApp app, System.Net.Http.Headers.AuthenticationHeaderValue auth)
    {
        var response = await app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.ClientCredentials));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthApp.JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    private static async Task<(string Access, string Refresh)> PasswordGrantAsync(AuthApp app, System.Net.Http.Headers.AuthenticationHeaderValue auth, string username)
    {
        var response = await app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>The new refresh token, or null when the grant refused the one presented.</summary>
    private static async Task<string?> RefreshAsync(AuthApp app, System.Net.Http.Headers.AuthenticationHeaderValue auth, string refreshToken)
    {
        var response = await app.RefreshAsync(auth, refreshToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
            return null;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthApp.JsonAsync(response)).GetProperty("refresh_token").GetString();
    }

    private static async Task WaitForAsync(Func<bool> condition) => await WaitForAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(60));

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!await condition())
            await Task.Delay(100, timeout.Token);
    }

    /// <summary>Client credentials, password grants (keeping each refresh token answered 200), introspection and /readyz, until stopped.</summary>
    private sealed class Load(AuthApp app, System.Net.Http.Headers.AuthenticationHeaderValue auth, string username, string token)
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<HttpStatusCode> _statuses = new();
        private int _okCount;

        public IReadOnlyCollection<HttpStatusCode> Statuses => _statuses;
        public ConcurrentBag<HttpStatusCode> Readiness { get; } = [];
        public ConcurrentBag<string> RefreshTokens { get; } = [];
        public int Answered => _statuses.Count;
        public int OkSince(int answered) => _statuses.Skip(answered).Count(s => s == HttpStatusCode.OK);

        public Task RunAsync() => Task.WhenAll(
            Loop(async () => await app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.ClientCredentials))),
            Loop(async () =>
            {
                var response = await app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, Password));
                if (response.StatusCode == HttpStatusCode.OK)
                    RefreshTokens.Add((await AuthApp.JsonAsync(response)).GetProperty("refresh_token").GetString()!);
                return response;
            }),
            Loop(() => app.IntrospectAsync(auth, token)),
            Task.Run(async () =>
            {
                var http = app.CreateClient();
                while (!_stop.IsCancellationRequested)
                {
                    Readiness.Add((await http.GetAsync("/readyz")).StatusCode);
                    await Task.Delay(100);
                }
            }));

        private Task Loop(Func<Task<HttpResponseMessage>> call) => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var response = await call();
                _statuses.Enqueue(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                    Interlocked.Increment(ref _okCount);
            }
        });

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
        }
    }

    private sealed class ClusterApp(IReadOnlyDictionary<string, string> settings) : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => settings;
    }
}
