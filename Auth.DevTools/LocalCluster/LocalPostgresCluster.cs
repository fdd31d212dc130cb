using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Auth.DevTools.LocalCluster;

/// <summary>
/// A private PostgreSQL cluster from the server binaries on this machine: its own data folder,
/// its own port on 127.0.0.1, its own socket folder, password authentication. Used by the
/// development launcher (a kept folder) and by the test fixture (a throwaway one).
/// </summary>
public sealed class LocalPostgresCluster
{
    private static readonly TimeSpan CommandTimeout = ProcessRunner.DefaultTimeout;

    private LocalPostgresCluster(string binDir, string root, int port, string password)
    {
        BinDir = binDir;
        Root = root;
        Port = port;
        Password = password;
    }

    public string BinDir { get; }
    public string Root { get; }
    public int Port { get; }
    public string Password { get; }
    public string DataDir => Path.Combine(Root, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>The folder holding initdb and pg_ctl: on PATH, else the newest under /usr/lib/postgresql; null if none.</summary>
    public static string? FindBinDir()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "postgres")));
        if (onPath is not null)
            return onPath;
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
            return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <summary>Installs Debian's postgresql package when no server binaries exist and we are root.</summary>
    public static async Task<string> EnsureBinDirAsync(Action<string> log)
    {
        if (FindBinDir() is { } found)
            return found;
        if (!ProcessRunner.IsRoot)
            throw new InvalidOperationException("No PostgreSQL server binaries found. Install them (apt-get install postgresql) or set ConnectionStrings__Auth.");
        log("PostgreSQL server not found: installing it with apt-get ...");
        await ProcessRunner.RunCheckedAsync("apt-get", ["update", "-qq"], asPostgres: false, TimeSpan.FromMinutes(10));
        await ProcessRunner.RunCheckedAsync("apt-get", ["install", "-y", "-qq", "postgresql"], asPostgres: false, TimeSpan.FromMinutes(15));
        return FindBinDir() ?? throw new InvalidOperationException("apt-get installed postgresql but no server binaries were found.");
    }

    /// <summary>
    /// Starts the cluster kept in <paramref name="root"/>, creating it on first use.
    /// The folder must be one the postgres OS user can reach (not below /root).
    /// </summary>
    /// <param name="throwaway">A test cluster: skip fsync, since its data is deleted anyway.</param>
    /// <param name="extraOptions">More server options, e.g. <c>-c shared_preload_libraries=pg_stat_statements</c> for a benchmark.</param>
    public static async Task<LocalPostgresCluster> StartAsync(string binDir, string root, int port, bool throwaway = false, string? extraOptions = null)
    {
        Directory.CreateDirectory(root);
        var passwordFile = Path.Combine(root, "password");
        var cluster = new LocalPostgresCluster(binDir, root, port, ReadOrCreatePassword(passwordFile));
        if (ProcessRunner.IsRoot)
            await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false, CommandTimeout);

        if (!File.Exists(Path.Combine(cluster.DataDir, "PG_VERSION")))
        {
            await ProcessRunner.RunCheckedAsync(Path.Combine(binDir, "initdb"),
                ["-D", cluster.DataDir, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-sync"],
                asPostgres: true, CommandTimeout);
        }

        if (!await cluster.IsRunningAsync())
        {
            var socketDir = Path.Combine(root, "socket");
            Directory.CreateDirectory(socketDir);
            if (ProcessRunner.IsRoot)
                await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", socketDir], asPostgres: false, CommandTimeout);
            if (!IsPortFree(port))
                throw new InvalidOperationException($"Port {port} is taken; choose another for the local PostgreSQL.");
            await ProcessRunner.RunCheckedAsync(Path.Combine(binDir, "pg_ctl"),
                ["start", "-w", "-D", cluster.DataDir, "-l", Path.Combine(root, "postgres.log"),
                 "-o", $"-p {port} -k {socketDir} -c listen_addresses=127.0.0.1 -c max_connections=300{(throwaway ? " -c fsync=off" : "")} {extraOptions}"],
                asPostgres: true, CommandTimeout);
        }
        return cluster;
    }

    public async Task<bool> IsRunningAsync()
    {
        var (code, _) = await ProcessRunner.RunAsync(Path.Combine(BinDir, "pg_ctl"), ["status", "-D", DataDir], asPostgres: true, CommandTimeout);
        return code == 0;
    }

    public Task StopAsync() => StopAsync(BinDir, DataDir);

    /// <summary>Stops the cluster in <paramref name="dataDir"/> at once, if one runs there.</summary>
    public static async Task StopAsync(string binDir, string dataDir) =>
        await ProcessRunner.RunAsync(Path.Combine(binDir, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate"], asPostgres: true, CommandTimeout);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReadOrCreatePassword(string path)
    {
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, password + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }
}
