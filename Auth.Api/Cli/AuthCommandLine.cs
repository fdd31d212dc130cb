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
        // Note: no default exception handler, so a hosting exception (a test host's abort) propagates.
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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

    private static int UsageError(RootCommand root, ParseResult parse)
    {
        var path = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            path.Insert(0, result.Command.Name);
        var command = parse.CommandResult.Command;
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var reason = error.Message == "Required command was not provided."
            ? $"'{string.Join(' ', ["Auth.Api", .. path])}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
            : error.Message;
        Console.Error.WriteLine($"error: {string.Join(' ', reason.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
        return ExitCodes.Usage;
    }
}
