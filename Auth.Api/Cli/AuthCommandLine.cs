using System.CommandLine;
using System.CommandLine.Invocation;

namespace Auth.Api.Cli;

/// <summary>
/// The command line of the one binary (System.CommandLine): <c>serve</c> (also bare, or with only
/// host options such as <c>--urls</c>), <c>dev</c>, <c>migrate</c>, <c>client</c>, <c>user</c>,
/// <c>token</c>, <c>keys</c> and <c>perform</c>. A parse error (an unknown command or option, a missing
/// required option, a bad value) exits 2 with one line of reason and the command's usage, both on stderr.
/// </summary>
public static class AuthCommandLine
{
    private static readonly HashSet<string> HelpOrVersion = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <param name="serve">Builds and runs the web host with the given host arguments.</param>
    public static async Task<int> RunAsync(string[] args, Func<string[], Task> serve)
    {
        var root = Build(serve);
        var parse = root.Parse(ServeIfBare(args, root));
        if (parse.Action is ParseErrorAction)
            return UsageError(root, parse);
        // Note: no default exception handler, so a hosting exception (a test host's abort) propagates; and no
        // termination timeout, since System.CommandLine would otherwise end the process 2 s after SIGTERM,
        // cutting short the host's graceful drain of requests in flight.
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    public static RootCommand Build(Func<string[], Task> serve)
    {
        var root = new RootCommand("Auth: an OAuth 2.0 token service. With no command, or only host options such as --urls, it serves.")
        {
            CliOptions.Output,
            CliOptions.Verbose,
            ServeCommand.Build(serve),
            DevCommand.Build(serve),
            MigrateCommand.Build(),
            ClientCommands.Build(),
            UserCommands.Build(),
            TokenCommands.Build(),
            KeysCommands.Build(),
            PerformCommands.Build(),
        };
        return root;
    }

    /// <summary>Bare <c>Auth.Api</c>, or <c>Auth.Api --urls ...</c>, serves as it always has.</summary>
    private static string[] ServeIfBare(string[] args, RootCommand root)
    {
        if (args.Length == 0)
            return ["serve"];
        var commands = root.Subcommands.Select(c => c.Name).ToHashSet();
        var bare = args[0].StartsWith('-') && !args.Any(a => HelpOrVersion.Contains(a) || commands.Contains(a));
        return bare ? ["serve", .. args] : args;
    }

    /// <summary>" Did you mean --scopes?" for an unknown option close to a known one.</summary>
    private static string Suggestion(Command command, string message)
    {
        const string prefix = "Unrecognized command or argument '";
        if (!message.StartsWith(prefix, StringComparison.Ordinal) || message[prefix.Length..].TrimEnd('.', '\'') is not { } token || !token.StartsWith("--", StringComparison.Ordinal))
            return "";
        var names = command.Options.Select(o => o.Name).Concat(command.Subcommands.Select(c => c.Name));
        var best = names.Where(n => n.StartsWith(token, StringComparison.Ordinal) || token.StartsWith(n, StringComparison.Ordinal) || Distance(n, token) <= 2).FirstOrDefault();
        return best is null ? "" : $" Did you mean {best}?";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private static int UsageError(RootCommand root, ParseResult parse)
    {
        var path = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            path.Insert(0, result.Command.Name);
        var command = parse.CommandResult.Command;
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var reason = error.Message == "Required command was not provided."
            ? $"'{string.Join(' ', ["Auth.Api", .. path])}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
            : error.Message + Suggestion(command, error.Message);
        Console.Error.WriteLine($"error: {string.Join(' ', reason.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
        return ExitCodes.Usage;
    }
}
