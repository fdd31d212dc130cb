using System.CommandLine;
using Auth.Data.Migrations;

namespace Auth.Api.Cli;

/// <summary>
/// <c>migrate</c> applies the pending migrations (<c>{"applied": [...]}</c>); <c>--dry-run</c> lists them
/// (<c>{"pending": [...]}</c>) without applying; <c>--status</c> lists every migration with its state, and
/// exits 1 when any is pending or changed (a check for a deploy script).
/// </summary>
public static class MigrateCommand
{
    public static Command Build()
    {
        var dryRun = CliOptions.Flag("--dry-run", "list the pending migrations, apply nothing");
        var status = CliOptions.Flag("--status", "list every migration as applied, pending or changed; exit 1 unless all are applied");
        var command = new Command("migrate", "Apply the pending database migrations (the server refuses to start until they are applied).") { dryRun, status };
        command.Runs(async parse =>
        {
            if (parse.GetValue(dryRun) && parse.GetValue(status))
                throw new CliException("Give --dry-run or --status, not both.");
            await using var services = CliServices.Create();
            var migrator = services.GetRequiredService<Migrator>();
            if (parse.GetValue(status))
            {
                var states = await migrator.StatusAsync();
                var current = states.All(s => s.State is MigrationStatus.Applied or MigrationStatus.Unknown);
                return new CliResult(new { migrations = states }, current ? ExitCodes.Ok : ExitCodes.Failed);
            }
            if (parse.GetValue(dryRun))
                return new { pending = (await migrator.PendingAsync()).Select(m => m.Name) };
            return new { applied = await migrator.ApplyAsync() };
        });
        return command;
    }
}
