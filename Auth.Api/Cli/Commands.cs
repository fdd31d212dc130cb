using System.Text.Json;

namespace Auth.Api.Cli;

/// <summary>
/// The command line of the one binary. A command prints JSON on stdout (what a script reads)
/// and logs on stderr; it exits 0 on success, 1 on a refused request, 2 on a usage error.
/// </summary>
public static class Commands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["client", ..] or ["user", ..] or ["keys", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            object result = args switch
            {
                ["migrate", .. var rest] => await MigrateCommand.RunAsync(new CliArgs(rest)),
                ["client", "add", .. var rest] => await ClientAddCommand.RunAsync(new CliArgs(rest)),
                ["user", "add", .. var rest] => await UserAddCommand.RunAsync(new CliArgs(rest)),
                ["user", "grant-role", .. var rest] => await UserRoleCommand.RunAsync(new CliArgs(rest), grant: true),
                ["user", "revoke-role", .. var rest] => await UserRoleCommand.RunAsync(new CliArgs(rest), grant: false),
                ["keys", "rotate", .. var rest] => await KeysRotateCommand.RunAsync(new CliArgs(rest)),
                ["keys", "rewrap", .. var rest] => await Keys.KeyRewrap.RunAsync(new CliArgs(rest)),
                _ => throw new CliException("Usage: Auth.Api [serve|dev|migrate [--dry-run]|client add ...|user add ...|user grant-role|revoke-role --username U --role operator|keys rotate|keys rewrap --new-key-file PATH]"),
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
            return 0;
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
