using System.Diagnostics;
using Auth.DevTools.LocalCluster;
using Npgsql;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// Debian's PgBouncer in transaction mode on a loopback port, in front of one PostgreSQL server;
/// <see cref="PointAtAsync"/> rewrites its target and reloads it, as an operator's failover hook does.
/// </summary>
public sealed class PgBouncerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/pgbouncer";
    private readonly string _root;
    private readonly Process _process;

    private PgBouncerProcess(string root, int port, Process process)
    {
        _root = root;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <summary>The service's main connection string through this PgBouncer.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Password = "unused", Database = database, Timeout = 3, MaxPoolSize = 40,
    }.ConnectionString;

    public static async Task<PgBouncerProcess> StartAsync(LocalPostgresCluster target)
    {
        var root = Directory.CreateTempSubdirectory("auth-test-pgbouncer-").FullName;
        var port = LocalPostgresCluster.FreePort();
        WriteConfig(root, port, target);
        if (ProcessRunner.IsRoot)
            await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        // Note: PgBouncer refuses to run as root; it runs in the foreground so the test owns its process.
        var process = Process.Start(ProcessRunner.StartInfo(Binary, [Path.Combine(root, "pgbouncer.ini")]))
            ?? throw new InvalidOperationException("Cannot start pgbouncer.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bouncer = new PgBouncerProcess(root, port, process);
        await bouncer.WaitUntilAcceptingAsync();
        return bouncer;
    }

    private static void WriteConfig(string root, int port, LocalPostgresCluster target) =>
        File.WriteAllText(Path.Combine(root, "pgbouncer.ini"), $"""
            [databases]
            * = host=127.0.0.1 port={target.Port} user=postgres password={target.Password}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = any
            pool_mode = transaction
            default_pool_size = 20
            max_client_conn = 500
            server_reset_query =
            ignore_startup_parameters = extra_float_digits
            logfile = {Path.Combine(root, "pgbouncer.log")}
            pidfile = {Path.Combine(root, "pgbouncer.pid")}
            """);

    /// <summary>Sends new connections to <paramref name="target"/> (a rewritten config and SIGHUP).</summary>
    public async Task PointAtAsync(LocalPostgresCluster target)
    {
        WriteConfig(_root, Port, target);
        // Note: signal PgBouncer itself (its pid file), not the runuser process that started it.
        var pid = File.ReadAllText(Path.Combine(_root, "pgbouncer.pid")).Trim();
        await ProcessRunner.RunCheckedAsync("kill", ["-HUP", pid], asPostgres: false);
        await Task.Delay(200);
    }

    private async Task WaitUntilAcceptingAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                if (_process.HasExited)
                    break;
                await Task.Delay(100);
            }
        }
        var log = Path.Combine(_root, "pgbouncer.log");
        throw new InvalidOperationException($"pgbouncer did not start: {(File.Exists(log) ? File.ReadAllText(log) : "no log")}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Note: the process is runuser; its child pgbouncer goes with the tree.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
