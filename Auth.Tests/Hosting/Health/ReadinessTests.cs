using System.Net;
using Auth.Tests.Infrastructure;
using Npgsql;

namespace Auth.Tests.Hosting.Health;

/// <summary>An instance whose database goes away says not ready, and recovers by itself when it returns.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private TcpRelay _relay = null!;
    private RelayedApp _app = null!;

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync());
        _relay = new TcpRelay(direct.Host!, direct.Port);
        _app = new RelayedApp(new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = _relay.Port, Timeout = 3 }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Readyz_WhileDatabaseIsUnreachable_Answers503ThenRecovers()
    {
        var http = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        _relay.Cut();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        _relay.Restore();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    internal sealed class RelayedApp(string connectionString) : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [KeyValuePair.Create("ConnectionStrings:Auth", connectionString)];
    }
}
