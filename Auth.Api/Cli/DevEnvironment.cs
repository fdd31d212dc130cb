using Auth.Api.Admin.Clients;
using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Api.Users;
using Auth.Core.OAuth;
using Auth.Data;
using Auth.Data.Clients;
using Auth.Data.Migrations;
using Auth.Data.Users;
using Auth.DevTools.Launcher;
using Auth.DevTools.LocalCluster;
using Dapper;

namespace Auth.Api.Cli;

/// <summary>
/// <c>dev</c>: a private PostgreSQL cluster (<see cref="DevCluster"/>, in Auth.DevTools), migrated and
/// seeded with demo clients and a demo user, printed with commands that run as pasted. The credentials are kept (in a file only this user reads) across
/// restarts; <c>--reset</c> makes new ones. A second <c>dev</c> on the same database finds the running
/// one (see <see cref="DevInstance"/>) and prints how to reach it instead of starting.
/// </summary>
public static class DevEnvironment
{
    private static string Root => DevCluster.Root;

    /// <summary>
    /// Sets up the database and returns the server's arguments with its connection string added, and the
    /// lock to hold while serving; or null (after printing the running one's banner) when a dev already runs.
    /// </summary>
    public static async Task<(string[] Args, DevInstance Lock)?> PrepareAsync(string[] args, bool reset)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Auth") ?? await DevCluster.StartAsync();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var settings = AuthSettings.From(configuration);
        // Note: a port of its own, so that two dev instances (or a dev instance and a test run) never share 9464.
        var management = configuration[ManagementListener.UrlsSetting] ?? $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";
        var instance = DevInstance.TryAcquire(Root, connectionString);
        if (instance is null && !reset)
        {
            DevBanner.PrintRunning(connectionString, SelfCommand);
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
                DevBanner.Print(state, SelfCommand);
                return null;
            }
            DevBanner.Print(state, SelfCommand);
            Console.Error.WriteLine($"dev: metrics at {management.Split(';')[0]}/metrics (set Auth__Management__Urls to choose)");
            return ([.. args, $"--ConnectionStrings:Auth={connectionString}", "--Logging:Console:FormatterName=simple",
                $"--{ManagementListener.UrlsSetting}={management}", .. KeyEncryptionKeyArguments(configuration)], instance);
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
            Id = DevBanner.AdminClientId,
            Name = "Demo operator",
            GrantTypes = [GrantTypes.ClientCredentials],
            Scopes = ["admin", "broker"],
            Secret = saved?.AdminSecret,
        };
        var (adminRow, adminSecret) = admin.ToRow();
        await clients.UpsertAsync(adminRow);
        var password = saved?.DemoPassword ?? Core.Security.RandomTokens.New()[..16];
        await new UserStore(dataSource).UpsertAsync(DevBanner.DemoUsername, hasher.Hash(password));
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("delete from password_attempts where username = @DemoUsername", new { DevBanner.DemoUsername });
        return new DevState(Environment.ProcessId, settings.Issuer, connectionString, demoSecret!, adminSecret!, password);
    }

    public static NewClient DemoClient(string issuer) => new()
    {
        Id = DevBanner.DemoClientId,
        Name = "Demo Trading App",
        GrantTypes = GrantTypes.All,
        Scopes = ["access", "profile", "history", "trade", "openid", "email"],
        RedirectUris = [$"{issuer}/demo/callback", AuthorizationCodeFlow.DefaultRedirectUri],
        PostLogoutRedirectUris = [$"{issuer}/demo/callback", "http://localhost:8080/signout-callback-oidc"],
    };

    /// <summary>
    /// The server argument naming <see cref="DevKeyEncryptionKey"/>'s file, or none when the environment
    /// already configures the keys: an operator's own <c>Auth__Keys__*</c> settings win.
    /// </summary>
    private static string[] KeyEncryptionKeyArguments(IConfiguration configuration) =>
        configuration[KeyEncryptionKeys.FileSetting] is { Length: > 0 } || configuration.GetValue(KeyEncryptionKeys.AllowPlaintextSetting, false)
            ? []
            : [$"--{KeyEncryptionKeys.FileSetting}={DevKeyEncryptionKey.EnsureFile()}"];

    /// <summary>How this binary was started, so a printed command runs as pasted.</summary>
    private static string SelfCommand => Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
        ? $"dotnet {typeof(DevEnvironment).Assembly.Location}"
        : Environment.ProcessPath ?? "Auth.Api";
}
