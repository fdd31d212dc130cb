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
    public static IServiceCollection AddAuthData(this IServiceCollection services, string connectionString) =>
        services.AddAuthData(new DatabaseSettings(connectionString));

    /// <summary>
    /// Registers the main <see cref="NpgsqlDataSource"/> and every store over it, plus the keyed
    /// <see cref="DataSources.Listen"/> and <see cref="DataSources.Read"/> sources (the main one's
    /// string unless configured) and a <see cref="ClientStore"/> over the read source.
    /// </summary>
    public static IServiceCollection AddAuthData(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddSingleton(database);
        services.AddSingleton(_ => CreateDataSource(database.Main, database.AutoPrepare));
        services.AddKeyedSingleton(DataSources.Listen, (_, _) => CreateDataSource(database.ListenConnectionString, database.AutoPrepare));
        services.AddKeyedSingleton(DataSources.Read, (sp, _) => database.Read is { Length: > 0 }
            ? CreateDataSource(database.Read, database.AutoPrepare)
            : sp.GetRequiredService<NpgsqlDataSource>());
        services.AddKeyedSingleton(DataSources.Read, (sp, key) => new ClientStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(key)));
        services.AddSingleton<ClientStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<PasswordAttemptStore>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenStateStore>();
        // Note: both hold a session advisory lock across statements, which needs a direct session (no PgBouncer).
        services.AddSingleton(sp => new HousekeepingStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSources.Listen)));
        services.AddSingleton(sp => new Migrator(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSources.Listen)));
        services.AddSingleton<AuthorizationCodeStore>();
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddSingleton<ClientAdminStore>();
        services.AddSingleton<AppRegistrationStore>();
        services.AddSingleton<ClientAuditStore>();
        services.AddSingleton<Replay.ReplayStore>();
        services.AddSingleton<Par.PushedRequestStore>();
        services.AddSingleton<UserRoleStore>();
        services.AddSingleton<UserAdminStore>();
        services.AddSingleton<UserGrantStore>();
        services.AddSingleton<BrowserSessionStore>();
        services.AddSingleton<ConsentStore>();
        return services;
    }

    /// <param name="autoPrepare">
    /// Off unless asked for (<see cref="DatabaseSettings.AutoPrepare"/>): Npgsql 10 loses step when the
    /// execution that auto-prepares a statement fails (a NUL in a text parameter, a division by zero):
    /// the next command on that pooled connection reads the wrong message ("unexpected backend message
    /// DataRow"), whatever the reset setting and whether or not the command is a batch.
    /// </param>
    public static NpgsqlDataSource CreateDataSource(string connectionString, bool autoPrepare = false)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName ??= "auth";
        if (!autoPrepare)
            settings.MaxAutoPrepare = 0;
        else if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
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
