using Auth.Api.Admin.Clients;
using Auth.Api.Hosting;
using Auth.Api.Users;
using Auth.Core.OAuth;
using Auth.Data;
using Auth.Data.Clients;
using Auth.Data.LocalCluster;
using Auth.Data.Migrations;
using Auth.Data.Users;
using Dapper;

namespace Auth.Api.Cli;

/// <summary>
/// <c>dev</c>: a private PostgreSQL cluster kept under <c>AUTH_DEV_DIR</c> (default <c>/tmp/auth-dev</c>,
/// a folder the postgres OS user can reach; <c>AUTH_DEV_PG_PORT</c> and <c>AUTH_DEV_PG_OPTIONS</c> set its
/// port and extra server options), migrated and seeded with demo clients and a demo user, printed with
/// commands that run as pasted. The credentials are kept (in a file only this user reads) across
/// restarts; <c>--reset</c> makes new ones. A second <c>dev</c> on the same database finds the running
/// one (see <see cref="DevInstance"/>) and prints how to reach it instead of starting.
/// </summary>
public static class DevEnvironment
{
    public const string DemoClientId = "demo-client";
    public const string AdminClientId = "demo-admin";
    public const string DemoUsername = "demo";
    private const int DefaultPort = 55432;

    public static string Root => Environment.GetEnvironmentVariable("AUTH_DEV_DIR") ?? "/tmp/auth-dev";

    /// <summary>
    /// Sets up the database and returns the server's arguments with its connection string added, and the
    /// lock to hold while serving; or null (after printing the running one's banner) when a dev already runs.
    /// </summary>
    public static async Task<(string[] Args, DevInstance Lock)?> PrepareAsync(string[] args, bool reset)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Auth") ?? await StartLocalClusterAsync();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var settings = AuthSettings.From(configuration);
        // Note: a port of its own, so that two dev instances (or a dev instance and a test run) never share 9464.
        var management = configuration[ManagementListener.UrlsSetting] ?? $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";
        var instance = DevInstance.TryAcquire(Root, connectionString);
        if (instance is null && !reset)
        {
            PrintRunning(connectionString);
            return null;
        }

        try
        {
            await using var dataSource = DataSetup.CreateDataSource(connectionString);
            var applied = await new Migrator(dataSource).ApplyAsync();
            Console.Error.WriteLine($"dev: database ready, {applied.Count} migration(s) applied");

            var saved = reset ? null : DevInstance.Read(Root, connectionString);
            var running = instance is null ? DevInstance.Read(Root, connectionString) : null;
            var state = await SeedAsync(dataSource, settings, saved, connectionString) with
            {
                Pid = running?.Pid ?? Environment.ProcessId,
                Issuer = running?.Issuer ?? settings.Issuer,
            };
            DevInstance.Write(Root, connectionString, state);
            if (instance is null)
            {
                Console.Error.WriteLine($"dev: re-seeded the demo credentials of the dev running at {state.Issuer} (pid {state.Pid}); the old ones no longer work");
                PrintBanner(state);
                return null;
            }
            PrintBanner(state);
            Console.Error.WriteLine($"dev: metrics at {management.Split(';')[0]}/metrics (set Auth__Management__Urls to choose)");
            return ([.. args, $"--ConnectionStrings:Auth={connectionString}", "--Logging:Console:FormatterName=simple",
                $"--{ManagementListener.UrlsSetting}={management}", .. DevKeyEncryptionKey.Arguments(configuration)], instance);
        }
        catch
        {
            instance?.Dispose();
            throw;
        }
    }

    /// <summary>Upserts the demo clients and user with the saved secrets, or new ones.</summary>
    private static async Task<DevState> SeedAsync(Npgsql.NpgsqlDataSource dataSource, AuthSettings settings, DevState? saved, string connectionString)
    {
        var hasher = new IdentityPasswordHasher(settings.PasswordHashIterations);
        var clients = new ClientStore(dataSource);
        var (demoRow, demoSecret) = (DemoClient(settings.Issuer) with { Secret = saved?.DemoSecret }).ToRow();
        await clients.UpsertAsync(demoRow);
        var admin = new NewClient
        {
            Id = AdminClientId,
            Name = "Demo operator",
            GrantTypes = [GrantTypes.ClientCredentials],
            Scopes = ["admin", "broker"],
            Secret = saved?.AdminSecret,
        };
        var (adminRow, adminSecret) = admin.ToRow();
        await clients.UpsertAsync(adminRow);
        var password = saved?.DemoPassword ?? Core.Security.RandomTokens.New()[..16];
        await new UserStore(dataSource).UpsertAsync(DemoUsername, hasher.Hash(password));
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("delete from password_attempts where username = @DemoUsername", new { DemoUsername });
        return new DevState(Environment.ProcessId, settings.Issuer, connectionString, demoSecret!, adminSecret!, password);
    }

    public static NewClient DemoClient(string issuer) => new()
    {
        Id = DemoClientId,
        Name = "Demo Trading App",
        GrantTypes = GrantTypes.All,
        Scopes = ["access", "profile", "history", "trade", "openid", "email"],
        RedirectUris = [$"{issuer}/demo/callback", AuthorizationCodeFlow.DefaultRedirectUri],
        PostLogoutRedirectUris = [$"{issuer}/demo/callback", "http://localhost:8080/signout-callback-oidc"],
    };

    /// <summary>Starts (or finds running) the kept local cluster and returns the connection string of its <c>auth</c> database.</summary>
    private static async Task<string> StartLocalClusterAsync()
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("AUTH_DEV_PG_PORT"), out var p) ? p : DefaultPort;
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
        var port = int.TryParse(Environment.GetEnvironmentVariable("AUTH_DEV_PG_PORT"), out var p) ? p : DefaultPort;
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Auth");
        var states = Directory.Exists(Root)
            ? Directory.GetFiles(Root, "dev-*.json").Select(ReadState).OfType<DevState>().ToList()
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

    private static DevState? ReadState(string path)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<DevState>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void PrintRunning(string connectionString)
    {
        if (DevInstance.Read(Root, connectionString) is not { } state)
        {
            Console.Error.WriteLine("dev: another dev is starting on this database; run `Auth.Api dev` again in a moment.");
            return;
        }
        Console.Error.WriteLine($"dev: already running at {state.Issuer} (pid {state.Pid}); its credentials are unchanged. `Auth.Api dev --reset` makes new ones, `Auth.Api dev stop` stops it.");
        PrintBanner(state);
    }

    /// <summary>How this binary was started, so a printed command runs as pasted.</summary>
    private static string SelfCommand => Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
        ? $"dotnet {typeof(DevEnvironment).Assembly.Location}"
        : Environment.ProcessPath ?? "Auth.Api";

    private static void PrintBanner(DevState s)
    {
        // Note: bench/lib.sh reads the "demo client :", "demo user   :", "admin client:" and ConnectionStrings__Auth lines.
        Console.Out.WriteLine($"""

            Auth service (development) at {s.Issuer}
              demo client : {DemoClientId} / {s.DemoSecret}
              demo user   : {DemoUsername} / {s.DemoPassword}
              admin client: {AdminClientId} / {s.AdminSecret}  (client_credentials, scopes admin broker)
              database    : ConnectionStrings__Auth="{s.ConnectionString}"

            Get a token with the password grant, and call a protected endpoint with it:
              ACCESS_TOKEN=$(curl -s -u '{DemoClientId}:{s.DemoSecret}' -d grant_type=password -d username={DemoUsername} -d 'password={s.DemoPassword}' {s.Issuer}/oauth/token | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
              curl -s -H "Authorization: Bearer $ACCESS_TOKEN" {s.Issuer}/api/system/ping

            Or sign in through the browser (authorization code with PKCE):
              echo '{s.DemoSecret}' | {SelfCommand} perform authorization-code --issuer {s.Issuer} --client-id {DemoClientId} --client-secret-stdin --scope openid,profile

            """);
    }
}
