using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Admin.Envelope;
using Auth.Api.Hosting;
using Auth.Core.OAuth;
using Auth.Tests.Admin;
using Auth.Tests.Hosting.Health;
using Auth.Tests.Infrastructure;
using Npgsql;

namespace Auth.Tests.Hosting;

/// <summary>
/// PostgreSQL unreachable (the relay to it cut): every API answers 503 with Retry-After in its own
/// shape, never 500, with no detail of the fault; the service recovers by itself.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private TcpRelay _relay = null!;
    private ReadinessTests.RelayedApp _app = null!;

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync());
        _relay = new TcpRelay(direct.Host!, direct.Port);
        _app = new ReadinessTests.RelayedApp(new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = _relay.Port, Timeout = 3 }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    private void CutDatabase()
    {
        _relay.Cut();
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> Assert503Async(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(TimeSpan.FromSeconds(ErrorHandling.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain(" at ", body);
        return body;
    }

    [Fact]
    public async Task Token_WhileDatabaseIsUnreachable_Answers503TemporarilyUnavailable()
    {
        var (id, secret) = await _app.AddStandardClientAsync();
        CutDatabase();

        var response = await _app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials));

        var json = System.Text.Json.JsonDocument.Parse(await Assert503Async(response)).RootElement;
        Assert.Equal(OAuthErrors.TemporarilyUnavailable, json.GetProperty("error").GetString());
        _relay.Restore();
        Assert.Equal(HttpStatusCode.OK, (await _app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task AdminApi_WhileDatabaseIsUnreachable_Answers503Envelope()
    {
        var http = await _app.AdminHttpAsync();
        CutDatabase();

        var json = System.Text.Json.JsonDocument.Parse(await Assert503Async(await http.GetAsync("/api/v1/auth/client"))).RootElement;

        Assert.Equal(ApiCodes.TemporarilyUnavailable, json.GetProperty("code").GetString());
        _relay.Restore();
    }

    [Fact]
    public async Task BrokerApi_WhileDatabaseIsUnreachable_Answers503InBrokerShape()
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.OperatorTokenAsync("broker"));
        CutDatabase();

        var json = System.Text.Json.JsonDocument.Parse(await Assert503Async(await http.GetAsync("/v1/oauth/clients/some-client?response_type=code"))).RootElement;

        Assert.Equal(503, json.GetProperty("code").GetInt32());
        _relay.Restore();
    }

    [Fact]
    public async Task SignInPage_WhileDatabaseIsUnreachable_Answers503HtmlPage()
    {
        var (id, _) = await _app.AddStandardClientAsync();
        CutDatabase();

        var response = await _app.CreateClient().GetAsync(
            $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString("https://app.example/callback")}&state=s");

        await Assert503Async(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        _relay.Restore();
    }

    /// <summary>The defect of issue 12 item 2: a database restart under load gave 500s.</summary>
    [Fact]
    public async Task Load_WhileDatabaseGoesAwayAndComesBack_AnswersOnly200Or503()
    {
        var (id, secret) = await _app.AddStandardClientAsync();
        long counted = 0;
        using var meter = new System.Diagnostics.Metrics.MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "auth.database.unavailable")
                listener.EnableMeasurementEvents(instrument);
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        meter.Start();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var afterRestore = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var restored = false;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(async _ =>
        {
            var http = _app.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
                {
                    Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", GrantTypes.ClientCredentials)]),
                };
                request.Headers.Authorization = AuthApp.Basic(id, secret);
                var status = (await http.SendAsync(request)).StatusCode;
                statuses.Add(status);
                if (Volatile.Read(ref restored))
                    afterRestore.Add(status);
            }
        }).ToArray();

        await WaitForAsync(() => statuses.Count >= 20);
        var before = statuses.Count;
        CutDatabase();
        await WaitForAsync(() => statuses.Count(s => s == HttpStatusCode.ServiceUnavailable) >= 20);
        _relay.Restore();
        Volatile.Write(ref restored, true);
        await WaitForAsync(() => afterRestore.Count(s => s == HttpStatusCode.OK) >= 20);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)s}"));
        Assert.True(before > 0);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.True(Interlocked.Read(ref counted) >= 20, $"counted {counted} in auth.database.unavailable");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
            await Task.Delay(50, timeout.Token);
    }
}
