using Auth.Data.Migrations;

namespace Auth.Api.Cli;

/// <summary><c>migrate [--dry-run]</c>: applies (or lists) the pending migrations.</summary>
public static class MigrateCommand
{
    public static async Task<object> RunAsync(CliArgs args)
    {
        await using var services = CliServices.Create();
        var migrator = services.GetRequiredService<Migrator>();
        if (args.Flag("--dry-run"))
            return new { pending = (await migrator.PendingAsync()).Select(m => m.Name) };
        return new { applied = await migrator.ApplyAsync() };
    }
}
