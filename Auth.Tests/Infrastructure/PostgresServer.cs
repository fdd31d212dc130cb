using System.Net.Sockets;
using Auth.Data;
using Auth.DevTools.LocalCluster;
using Auth.Data.Migrations;
using Dapper;
using Testcontainers.PostgreSql;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run, found in this order: <c>AUTH_TEST_CONNECTION</c>;
/// a Testcontainers container when a Docker engine answers; a throwaway local cluster from the
/// server binaries. The schema is migrated once into a template that each test class clones.
/// </summary>
public sealed class PostgresServer
{
    private const string Template = "auth_template";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string adminConnectionString, string source)
    {
        AdminConnectionString = adminConnectionString;
        Source = source;
    }

    public string AdminConnectionString { get; }
    public string Source { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>A new database cloned from the migrated template.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"create database {name} template {Template}");
        return WithDatabase(name);
    }

    /// <summary>A new empty database, for tests of the migrations themselves.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"empty_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"create database {name}");
        return WithDatabase(name);
    }

    /// <summary>Drops a database made by this class, closing what still holds it open.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        // Note: only names this class generated (a prefix and 32 hex digits), so the identifier is never input.
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^(test|empty)_[0-9a-f]{32}$"))
            throw new ArgumentException("Not a database this fixture created.", nameof(connectionString));
        await ExecuteAdminAsync($"drop database if exists {name} with (force)");
    }

    private string WithDatabase(string name) =>
        new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var dataSource = DataSetup.CreateDataSource(AdminConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable("AUTH_TEST_CONNECTION") is { Length: > 0 } given
            ? new PostgresServer(given, "AUTH_TEST_CONNECTION")
            : await TryContainerAsync() ?? await StartLocalClusterAsync();

        await server.ExecuteAdminAsync($"drop database if exists {Template}");
        await server.ExecuteAdminAsync($"create database {Template}");
        await using (var dataSource = DataSetup.CreateDataSource(server.WithDatabase(Template)))
            await new Migrator(dataSource).ApplyAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        return server;
    }

    private static async Task<PostgresServer?> TryContainerAsync()
    {
        if (!await DockerAnswersAsync())
            return null;
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await container.StartAsync(timeout.Token);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
            return new PostgresServer(container.GetConnectionString(), "Testcontainers");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Testcontainers could not start PostgreSQL ({e.Message}); using a local cluster.");
            return null;
        }
    }

    /// <summary>Asks the Docker socket with a short timeout, so a machine without a daemon never waits on it.</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is null ? "/var/run/docker.sock" : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socketPath is null)
            return host is not null; // a TCP engine: let Testcontainers try it
        if (!File.Exists(socketPath))
            return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private const string ClusterPrefix = "auth-test-pg-";

    /// <summary>
    /// Removes the clusters of earlier runs that could not clean up after themselves (a test host is
    /// often killed right after its last test); a young running one may be another run's, and stays.
    /// </summary>
    private static async Task RemoveStaleClustersAsync(string binDir)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var dataDir = Path.Combine(dir, "data");
            var running = File.Exists(Path.Combine(dataDir, "postmaster.pid"));
            if (running && DateTime.UtcNow - Directory.GetCreationTimeUtc(dir) < TimeSpan.FromHours(3))
                continue;
            if (running)
                await LocalPostgresCluster.StopAsync(binDir, dataDir);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<PostgresServer> StartLocalClusterAsync()
    {
        var binDir = LocalPostgresCluster.FindBinDir() ?? throw new InvalidOperationException(
            "No PostgreSQL for the tests: set AUTH_TEST_CONNECTION, start a Docker engine, or install the server (apt-get install postgresql).");
        await RemoveStaleClustersAsync(binDir);
        var root = Directory.CreateTempSubdirectory(ClusterPrefix).FullName;
        var cluster = await LocalPostgresCluster.StartAsync(binDir, root, LocalPostgresCluster.FreePort(), throwaway: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().Wait(TimeSpan.FromSeconds(20));
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return new PostgresServer(cluster.ConnectionString("postgres"), "local cluster");
    }
}
