using Auth.Api.Hosting;
using Auth.Api.Users;
using Auth.Data;

namespace Auth.Api.Cli;

/// <summary>The services a command needs, configured like the server (appsettings, environment).</summary>
public static class CliServices
{
    public static ServiceProvider Create()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var connectionString = configuration.GetConnectionString("Auth")
            ?? throw new CliException("ConnectionStrings__Auth is not set.");
        var settings = AuthSettings.From(configuration);

        var services = new ServiceCollection();
        services.AddLogging(l => l.AddAuthLogging("simple"));
        services.AddSingleton(settings);
        services.AddAuthData(DatabaseSetup.From(configuration, connectionString));
        services.AddSingleton(_ => Keys.KeyEncryptionKeys.From(configuration));
        services.AddSingleton<Auth.Core.Users.IPasswordHasher>(_ => new IdentityPasswordHasher(settings.PasswordHashIterations));
        return services.BuildServiceProvider();
    }
}
