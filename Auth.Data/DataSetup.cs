using System.Runtime.CompilerServices;
using Auth.Data.Audit;
using Auth.Data.Clients;
using Auth.Data.Codes;
using Auth.Data.Consents;
using Auth.Data.DataProtection;
using Auth.Data.Keys;
using Auth.Data.Migrations;
using Auth.Data.Sessions;
using Auth.Data.Tokens;
using Auth.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Auth.Data;

public static class DataSetup
{
    /// <summary>Registers one <see cref="NpgsqlDataSource"/> and every store over it.</summary>
    public static IServiceCollection AddAuthData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddSingleton<ClientStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<LoginFailureStore>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenStateStore>();
        services.AddSingleton<HousekeepingStore>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<AuthorizationCodeStore>();
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddSingleton<ClientAdminStore>();
        services.AddSingleton<AppRegistrationStore>();
        services.AddSingleton<ClientAuditStore>();
        services.AddSingleton<BrowserSessionStore>();
        services.AddSingleton<ConsentStore>();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName ??= "auth";
        // Note: the hot statements run thousands of times a second; prepared once per connection they skip
        // PostgreSQL's parse and plan. A connection string may set its own Max Auto Prepare.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
        // Note: no statement of ours leaves session state behind (advisory locks are released in finally,
        // LISTEN is undone), so the seven reset statements Npgsql sends on every pool checkout are pure cost.
        settings.NoResetOnClose = true;
        return builder.Build();
    }

    // Note: a module initializer, so every store maps snake_case columns and UTC timestamps however it was constructed.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ConfigureDapper()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.AddTypeHandler(new UtcTimestampHandler());
    }
}
