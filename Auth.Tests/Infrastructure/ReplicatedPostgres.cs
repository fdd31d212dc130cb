using Auth.Data;
using Auth.DevTools.LocalCluster;
using Auth.Data.Migrations;
using Dapper;
using Npgsql;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// A primary and a hot standby on loopback ports, the standby made with <c>pg_basebackup -R</c>
/// and streaming from the primary, optionally as a synchronous standby; <see cref="FailOverAsync"/>
/// stops the primary as a crash would (<c>-m immediate</c>) and promotes the standby. Beside
/// <see cref="LocalPostgresCluster"/>, which starts each server.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    public const string Database = "auth";
    private readonly string _root;

    private ReplicatedPostgres(string root, LocalPostgresCluster primary, LocalPostgresCluster standby)
    {
        _root = root;
        Primary = primary;
        Standby = standby;
    }

    public LocalPostgresCluster Primary { get; }
    public LocalPostgresCluster Standby { get; }

    /// <summary>Both servers by one multi-host string: whichever is the primary now takes the connections.</summary>
    public string MultiHostConnectionString => new NpgsqlConnectionStringBuilder(Primary.ConnectionString(Database))
    {
        Host = $"127.0.0.1:{Primary.Port},127.0.0.1:{Standby.Port}",
        TargetSessionAttributes = "read-write",
        // Note: how long Npgsql trusts what it learnt of a host (default 10 s); short, so the promoted standby is seen soon.
        HostRecheckSeconds = 1,
        Timeout = 3,
        MaxPoolSize = 40,
    }.ConnectionString;

    public static async Task<ReplicatedPostgres> StartAsync(bool synchronous = true)
    {
        var found = LocalPostgresCluster.FindBinDir() ?? throw new InvalidOperationException("No PostgreSQL server binaries (apt-get install postgresql).");
        // Note: PATH may hold links to a few of the tools only; the folder they link to has pg_basebackup too.
        var binDir = Path.GetDirectoryName(new FileInfo(Path.Combine(found, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.Combine(found, "pg_ctl"))!;
        var root = Directory.CreateTempSubdirectory("auth-test-replicated-").FullName;
        // Note: the postgres OS user must reach both data folders through this (mode 0700) one.
        if (ProcessRunner.IsRoot)
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", root], asPostgres: false);
        var primary = await LocalPostgresCluster.StartAsync(binDir, Path.Combine(root, "primary"), LocalPostgresCluster.FreePort(), throwaway: true);

        var standbyRoot = Path.Combine(root, "standby");
        Directory.CreateDirectory(standbyRoot);
        File.Copy(Path.Combine(primary.Root, "password"), Path.Combine(standbyRoot, "password"));
        if (ProcessRunner.IsRoot)
            await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        await ProcessRunner.RunCheckedAsync(Path.Combine(binDir, "pg_basebackup"),
            ["-d", $"host=127.0.0.1 port={primary.Port} user=postgres password={primary.Password} application_name=standby1",
             "-D", Path.Combine(standbyRoot, "data"), "-R", "-X", "stream", "--no-sync"]);
        var standby = await LocalPostgresCluster.StartAsync(binDir, standbyRoot, LocalPostgresCluster.FreePort(), throwaway: true);
        var cluster = new ReplicatedPostgres(root, primary, standby);

        await cluster.WaitForStreamingAsync();
        if (synchronous)
        {
            // Note: set only once the standby streams, or every commit would wait for a standby that is not there.
            await cluster.OnPrimaryAsync("alter system set synchronous_standby_names = 'standby1'");
            await cluster.OnPrimaryAsync("alter system set synchronous_commit = 'on'");
            await cluster.OnPrimaryAsync("select pg_reload_conf()");
        }
        await cluster.OnPrimaryAsync($"create database {Database}");
        await using (var dataSource = DataSetup.CreateDataSource(primary.ConnectionString(Database)))
            await new Migrator(dataSource).ApplyAsync();
        return cluster;
    }

    private async Task OnPrimaryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Primary.ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task WaitForStreamingAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Primary.ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            if (await connection.ExecuteScalarAsync<long>("select count(*) from pg_stat_replication where state = 'streaming'") > 0)
                return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The standby never started streaming.");
    }

    /// <summary>Kills the primary without a clean shutdown, waits <paramref name="gap"/>, then promotes the standby.</summary>
    public async Task FailOverAsync(TimeSpan gap, Func<Task>? inGap = null)
    {
        await ProcessRunner.RunCheckedAsync(Path.Combine(Primary.BinDir, "pg_ctl"), ["stop", "-D", Primary.DataDir, "-m", "immediate"]);
        if (inGap is not null)
            await inGap();
        await Task.Delay(gap);
        await ProcessRunner.RunCheckedAsync(Path.Combine(Standby.BinDir, "pg_ctl"), ["promote", "-w", "-D", Standby.DataDir]);
    }

    public async ValueTask DisposeAsync()
    {
        await Primary.StopAsync();
        await Standby.StopAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
