using System.Net;
using System.Net.Sockets;
using Auth.DevTools.LocalCluster;
using Auth.Tests.Infrastructure;
using Npgsql;

namespace Auth.Tests.Cli;

/// <summary>
/// Each way serving can fail at startup ends in exit 1 with one line saying what and where, never a
/// stack trace (unless --verbose) or an abort. One migrated database serves the whole class.
/// </summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.InstanceAsync();
        _database = await _server.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _server.DropDatabaseAsync(_database);

    private static string FreeUrl() => $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";

    private static Task<CliRun> ServeAsync(string? connectionString, params string[] extra) =>
        CliProcess.RunAsync(connectionString, null, ["--urls", FreeUrl(), .. extra]);

    private static void AssertOneLineFailure(CliRun run, string expectedStart)
    {
        Assert.True(run.Code == 1, run.ToString());
        var errors = run.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, run.ToString());
        Assert.StartsWith(expectedStart, errors[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
    }

    private string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(_database);
        change(builder);
        return builder.ConnectionString;
    }

    [Fact]
    public async Task NoDatabaseConfigured_IsOneLine()
    {
        var run = await ServeAsync(null);

        AssertOneLineFailure(run, "error: no database configured: set ConnectionStrings__Auth");
    }

    [Fact]
    public async Task DatabaseUnreachable_NamesHostAndPort()
    {
        var port = LocalPostgresCluster.FreePort();
        var run = await ServeAsync(With(b => (b.Host, b.Port) = ("127.0.0.1", port)));

        AssertOneLineFailure(run, $"error: database unreachable at 127.0.0.1:{port}");
    }

    [Fact]
    public async Task UnknownHost_NamesTheHost()
    {
        var run = await ServeAsync(With(b => b.Host = "no-such-host.invalid"));

        AssertOneLineFailure(run, "error: database host 'no-such-host.invalid' not found");
    }

    [Fact]
    public async Task WrongPassword_SaysAuthenticationFailed()
    {
        var run = await ServeAsync(With(b => b.Password = "not-the-password"));

        AssertOneLineFailure(run, "error: database authentication failed for user");
        Assert.DoesNotContain("not-the-password", run.Stderr);
    }

    [Fact]
    public async Task MissingDatabase_SaysItDoesNotExist()
    {
        var run = await ServeAsync(With(b => b.Database = "no_such_database"));

        AssertOneLineFailure(run, "error: database 'no_such_database' does not exist at");
    }

    [Fact]
    public async Task PendingMigrations_SayRunMigrate()
    {
        var empty = await _server.CreateEmptyDatabaseAsync();
        try
        {
            var run = await ServeAsync(empty);

            AssertOneLineFailure(run, "error: The database has");
            Assert.Contains("run `Auth.Api migrate` first", run.Stderr);
        }
        finally
        {
            await _server.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task PortInUse_NamesTheAddress()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var run = await CliProcess.RunAsync(_database, null, "serve", "--urls", url);

        AssertOneLineFailure(run, $"error: cannot listen: Failed to bind to address {url}");
    }

    [Fact]
    public async Task BadConfigurationValue_NamesTheSetting()
    {
        var run = await ServeAsync(_database, "--Auth:PasswordHashIterations", "many");

        AssertOneLineFailure(run, "error: bad configuration value: Failed to convert configuration value 'many' at 'Auth:PasswordHashIterations'");
    }

    [Fact]
    public async Task BadConnectionString_IsABadConfigurationValue()
    {
        var run = await ServeAsync("Hots=somewhere");

        AssertOneLineFailure(run, "error: bad configuration value: ConnectionStrings__Auth:");
    }

    [Fact]
    public async Task Verbose_AddsTheStackTrace()
    {
        var run = await ServeAsync(With(b => b.Database = "no_such_database"), "--verbose");

        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("error: database 'no_such_database' does not exist", run.FirstErrorLine);
        Assert.Contains("   at ", run.Stderr);
    }

    [Fact]
    public async Task ACommand_OnAWrongPassword_FailsTheSameWay()
    {
        var run = await CliProcess.RunAsync(With(b => b.Password = "not-the-password"), null, "client", "list");

        AssertOneLineFailure(run, "error: database authentication failed for user");
    }
}
