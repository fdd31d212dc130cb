using Auth.Api.Hosting;
using Auth.Api.Users;
using Auth.Data;

namespace Auth.Api.Cli;

/// <summary>The services a command needs, configured like the server (appsettings, environment).</summary>
public static class CliServices
{
    public const string NoDatabase =
        "no database configured: set ConnectionStrings__Auth (for a local development database run `Auth.Api dev`).";

    public static IConfiguration Configuration(string[]? hostArgs = null) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(hostArgs ?? [])
        .Build();

    /// <summary>The connection string a command or the host would use, or null; for messages only.</summary>
    public static string? ConnectionString(string[]? hostArgs = null)
    {
        try
        {
            return Configuration(hostArgs).GetConnectionString("Auth");
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static ServiceProvider Create()
    {
        var configuration = Configuration();
        var connectionString = configuration.GetConnectionString("Auth") ?? throw new StartupException(NoDatabase);
        var settings = AuthSettings.From(configuration);

        var services = new ServiceCollection();
        services.AddLogging(l => l.AddAuthLogging("simple"));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddAuthData(DatabaseSetup.From(configuration, connectionString));
        services.AddSingleton(_ => Keys.KeyEncryptionKeys.From(configuration));
        services.AddSingleton<Auth.Core.Users.IPasswordHasher>(_ => new IdentityPasswordHasher(settings.PasswordHashIterations));
        services.AddSingleton<Admin.ClientAdministration>();
        return services.BuildServiceProvider();
    }
}
