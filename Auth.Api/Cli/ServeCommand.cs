using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace Auth.Api.Cli;

/// <summary><c>serve [--urls URLS] [--Section:Key value]...</c>: runs the service on the configured database.</summary>
public static class ServeCommand
{
    public static Command Build(Func<string[], Task> serve)
    {
        var command = HostArguments.Accepting(new Command("serve",
            "Serve on the database of ConnectionStrings__Auth (migrated first with `migrate`). Other --Section:Key value pairs are host settings."));
        command.SetAction(async (parse, _) =>
        {
            string[] hostArgs;
            try
            {
                hostArgs = HostArguments.From(parse);
            }
            catch (CliException e)
            {
                return CliAction.Report(e, verbose: false, null);
            }
            return await RunHostAsync(serve, hostArgs, parse.GetValue(CliOptions.Verbose));
        });
        return command;
    }

    /// <summary>Runs the host; a startup failure is one line on stderr and exit 1.</summary>
    public static async Task<int> RunHostAsync(Func<string[], Task> serve, string[] hostArgs, bool verbose)
    {
        try
        {
            await serve(verbose ? [.. hostArgs, $"--{VerboseSetting}=true"] : hostArgs);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is not HostAbortedException and not OperationCanceledException)
        {
            return CliAction.Report(e, verbose, CliServices.ConnectionString(hostArgs));
        }
    }

    /// <summary>Set by <c>--verbose</c>: startup failures are also logged with their stack trace.</summary>
    public const string VerboseSetting = "Auth:Verbose";
}
