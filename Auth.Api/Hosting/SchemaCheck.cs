using Auth.Data.Migrations;

namespace Auth.Api.Hosting;

public static class SchemaCheck
{
    /// <summary>
    /// Refuses to serve on a database with pending migrations or an applied migration that was changed;
    /// waits (bounded, see <see cref="StartupWait"/>) while the database is unreachable.
    /// </summary>
    public static async Task EnsureSchemaIsCurrentAsync(this IServiceProvider services)
    {
        IReadOnlyList<Migration> pending = [];
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaCheck));
        await StartupWait.RunAsync(async () => pending = await services.GetRequiredService<Migrator>().PendingAsync(),
            "checking the schema", StartupWait.Limit(services.GetRequiredService<IConfiguration>()), logger);
        if (pending.Count > 0)
            throw new Cli.StartupException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending.Select(m => m.Name))}): run `Auth.Api migrate` first.");
    }
}
