using Auth.Data.Migrations;

namespace Auth.Api.Hosting;

public static class SchemaCheck
{
    /// <summary>Refuses to serve on a database with pending migrations or an applied migration that was changed.</summary>
    public static async Task EnsureSchemaIsCurrentAsync(this IServiceProvider services)
    {
        var pending = await services.GetRequiredService<Migrator>().PendingAsync();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending.Select(m => m.Name))}): run `Auth.Api migrate` first.");
    }
}
