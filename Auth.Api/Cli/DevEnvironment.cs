using Auth.Api.Clients;
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
/// <c>dev</c>: a private PostgreSQL cluster kept under <c>AUTH_DEV_DIR</c> (default
/// <c>/tmp/auth-dev</c>, a folder the postgres OS user can reach; <c>AUTH_DEV_PG_PORT</c> and
/// <c>AUTH_DEV_PG_OPTIONS</c> set its port and extra server options), migrated and seeded with demo
/// clients and a demo user whose secrets are reset on every start (only hashes are stored),
/// printed with a ready-to-paste curl. Then the server starts on it.
/// </summary>
public static class DevEnvironment
{
    public const string DemoClientId = "demo-client";
    public const string AdminClientId = "demo-admin";
    public const string DemoUsername = "demo";
    private const int DefaultPort = 55432;

    /// <summary>Sets up the database and returns the server's arguments with its connection string added.</summary>
    public static async Task<string[]> PrepareAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Auth") ?? await StartLocalClusterAsync();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var settings = AuthSettings.From(configuration);
        // Note: a port of its own, so that two dev instances (or a dev instance and a test run) never share 9464.
        var management = configuration[ManagementListener.UrlsSetting] ?? $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";

        await using var dataSource = DataSetup.CreateDataSource(connectionString);
        var applied = await new Migrator(dataSource).ApplyAsync();
        Console.Error.WriteLine($"dev: database ready, {applied.Count} migration(s) applied");

        var hasher = new IdentityPasswordHasher(settings.PasswordHashIterations);
        var clients = new ClientStore(dataSource);
        var demo = DemoClient(settings.Issuer);
        var (demoRow, demoSecret) = demo.ToRow();
        await clients.UpsertAsync(demoRow);
        var admin = new NewClient
        {
            Id = AdminClientId,
            Name = "Demo operator",
            GrantTypes = [GrantTypes.ClientCredentials],
            Scopes = ["admin", "broker"],
        };
        var (adminRow, adminSecret) = admin.ToRow();
        await clients.UpsertAsync(adminRow);
        var password = Core.Security.RandomTokens.New()[..16];
        await new UserStore(dataSource).UpsertAsync(DemoUsername, hasher.Hash(password));
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("delete from password_attempts where username = @DemoUsername", new { DemoUsername });

        PrintBanner(settings.Issuer, demoSecret!, adminSecret!, password, connectionString);
        Console.Error.WriteLine($"dev: metrics at {management.Split(';')[0]}/metrics (set Auth__Management__Urls to choose)");
        return [.. args, $"--ConnectionStrings:Auth={connectionString}", "--Logging:Console:FormatterName=simple", $"--{ManagementListener.UrlsSetting}={management}"];
    }

    public static NewClient DemoClient(string issuer) => new()
    {
        Id = DemoClientId,
        Name = "Demo Trading App",
        GrantTypes = GrantTypes.All,
        Scopes = ["access", "profile", "history", "trade", "openid", "email"],
        RedirectUris = [$"{issuer}/demo/callback", "http://localhost:8080/callback"],
        PostLogoutRedirectUris = [$"{issuer}/demo/callback", "http://localhost:8080/signout-callback-oidc"],
    };

    private static async Task<string> StartLocalClusterAsync()
    {
        var root = Environment.GetEnvironmentVariable("AUTH_DEV_DIR") ?? "/tmp/auth-dev";
        var port = int.TryParse(Environment.GetEnvironmentVariable("AUTH_DEV_PG_PORT"), out var p) ? p : DefaultPort;
        var binDir = await LocalPostgresCluster.EnsureBinDirAsync(Console.Error.WriteLine);
        var cluster = await LocalPostgresCluster.StartAsync(binDir, root, port, extraOptions: Environment.GetEnvironmentVariable("AUTH_DEV_PG_OPTIONS"));
        await using (var dataSource = DataSetup.CreateDataSource(cluster.ConnectionString("postgres")))
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from pg_database where datname = 'auth')"))
                await connection.ExecuteAsync("create database auth");
        }
        Console.Error.WriteLine($"dev: PostgreSQL on 127.0.0.1:{port}, data in {cluster.DataDir}");
        return cluster.ConnectionString("auth");
    }

    private static void PrintBanner(string issuer, string demoSecret, string adminSecret, string password, string connectionString)
    {
        Console.Out.WriteLine($"""

            Auth service (development) at {issuer}
              demo client : {DemoClientId} / {demoSecret}
              demo user   : {DemoUsername} / {password}
              admin client: {AdminClientId} / {adminSecret}  (client_credentials, scopes admin broker)
              database    : ConnectionStrings__Auth="{connectionString}"

            Get a token with the password grant:
              curl -s -u '{DemoClientId}:{demoSecret}' -d grant_type=password -d username={DemoUsername} -d 'password={password}' {issuer}/oauth/token

            Then call a protected endpoint:
              curl -s -H "Authorization: Bearer $ACCESS_TOKEN" {issuer}/api/system/ping

            """);
    }
}
