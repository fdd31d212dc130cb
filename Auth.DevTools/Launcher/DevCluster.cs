using Auth.Data;
using Auth.DevTools.LocalCluster;
using Dapper;

namespace Auth.DevTools.Launcher;

/// <summary>
/// <c>dev</c>'s folder and PostgreSQL cluster: kept under <c>AUTH_DEV_DIR</c> (default <c>/tmp/auth-dev</c>,
/// a folder the postgres OS user can reach); <c>AUTH_DEV_PG_PORT</c> and <c>AUTH_DEV_PG_OPTIONS</c> set its
/// port and extra server options.
/// </summary>
public static class DevCluster
{
    private const int DefaultPort = 55432;

    public static string Root => Environment.GetEnvironmentVariable("AUTH_DEV_DIR") ?? "/tmp/auth-dev";

    private static int Port => int.TryParse(Environment.GetEnvironmentVariable("AUTH_DEV_PG_PORT"), out var p) ? p : DefaultPort;

    /// <summary>Starts (or finds running) the kept local cluster and returns the connection string of its <c>auth</c> database.</summary>
    public static async Task<string> StartAsync()
    {
        var port = Port;
        var binDir = await LocalPostgresCluster.EnsureBinDirAsync(Console.Error.WriteLine);
        var cluster = await LocalPostgresCluster.StartAsync(binDir, Root, port, extraOptions: Environment.GetEnvironmentVariable("AUTH_DEV_PG_OPTIONS"));
        await using (var dataSource = DataSetup.CreateDataSource(cluster.ConnectionString("postgres")))
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from pg_database where datname = 'auth')"))
                await connection.ExecuteAsync("create database auth");
        }
        Console.Error.WriteLine($"dev: PostgreSQL on 127.0.0.1:{port}, data in {cluster.DataDir} (stop it with `Auth.Api dev stop`)");
        return cluster.ConnectionString("auth");
    }

    /// <summary>
    /// <c>dev stop</c>: ends the running dev of this folder's cluster (SIGTERM, a graceful shutdown), then
    /// stops the cluster. With <c>ConnectionStrings__Auth</c> set there is no cluster of ours to stop.
    /// </summary>
    public static async Task<object> StopAsync()
    {
        var binDir = LocalPostgresCluster.FindBinDir();
        var port = Port;
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Auth");
        var states = Directory.Exists(Root)
            ? Directory.GetFiles(Root, "dev-*.json").Select(DevInstance.ReadFile).OfType<DevState>().ToList()
            : [];
        var stopped = new List<int>();
        foreach (var state in states.Where(s => external is null || s.ConnectionString == external))
        {
            if (DevInstance.IsRunning(Root, state.ConnectionString) && DevInstance.Terminate(state.Pid))
            {
                stopped.Add(state.Pid);
                for (var i = 0; i < 300 && DevInstance.IsRunning(Root, state.ConnectionString); i++)
                    await Task.Delay(100);
            }
        }
        var dataDir = Path.Combine(Root, "data");
        var clusterStopped = false;
        if (external is null && binDir is not null && File.Exists(Path.Combine(dataDir, "postmaster.pid")))
        {
            await LocalPostgresCluster.StopAsync(binDir, dataDir);
            clusterStopped = true;
        }
        return new { stoppedDevPids = stopped, clusterStopped, dataDir = external is null ? dataDir : null, port = external is null ? port : (int?)null };
    }
}
