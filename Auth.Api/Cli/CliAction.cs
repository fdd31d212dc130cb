using System.CommandLine;

namespace Auth.Api.Cli;

/// <summary>
/// Runs a command's work and turns its outcome into the command line's contract: the result on
/// stdout (JSON, or a table with <c>--output table</c>), a one-line <c>error: ...</c> on stderr,
/// exit 0, 1 (refused or failed) or 2 (a usage error found after parsing).
/// </summary>
public static class CliAction
{
    public static Command Runs(this Command command, Func<ParseResult, Task<object>> run)
    {
        command.SetAction(async (parse, _) =>
        {
            try
            {
                var result = await run(parse);
                var (value, code) = result is CliResult r ? (r.Value, r.ExitCode) : (result, ExitCodes.Ok);
                CliOutput.Write(Console.Out, value, CliOptions.Format(parse));
                return code;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Report(e, parse.GetValue(CliOptions.Verbose), CliServices.ConnectionString());
            }
        });
        return command;
    }

    /// <summary>Writes the failure as one line (the whole exception only when <paramref name="verbose"/>); returns the exit code.</summary>
    public static int Report(Exception fault, bool verbose, string? connectionString)
    {
        Console.Error.WriteLine($"error: {FailureMessage.Describe(fault, connectionString)}");
        if (verbose)
            Console.Error.WriteLine(fault);
        return fault is CliException ? ExitCodes.Usage : ExitCodes.Failed;
    }

    public static void Warn(string message) => Console.Error.WriteLine($"warning: {message}");
}

/// <summary>A result printed as usual but with another exit code (a check that found something).</summary>
public sealed record CliResult(object Value, int ExitCode);
