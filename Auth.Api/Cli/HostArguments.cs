using System.CommandLine;

namespace Auth.Api.Cli;

/// <summary>
/// The host options of <c>serve</c> and <c>dev</c>: <c>--urls</c> and any <c>--Section:Key value</c>
/// (or <c>--Section:Key=value</c>, <c>Section:Key=value</c>) configuration pair, passed to ASP.NET Core
/// as it reads them. A bare word that is neither is a usage error, not silently ignored.
/// </summary>
public static class HostArguments
{
    public static readonly Option<string> Urls = new("--urls")
    {
        Description = $"where to listen, ';' separated (default {Hosting.AuthSettings.DefaultUrl}); also sets the issuer unless Auth:Issuer is set",
    };

    public static Command Accepting(Command command)
    {
        command.Add(Urls);
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>The arguments for the host: <c>--urls</c> if given, then the configuration pairs in order.</summary>
    public static string[] From(ParseResult parse)
    {
        var rest = parse.UnmatchedTokens;
        for (var i = 0; i < rest.Count; i++)
        {
            var token = rest[i];
            if (token.StartsWith('-') || token.StartsWith('/'))
            {
                if (!token.Contains('=') && i + 1 < rest.Count && !rest[i + 1].StartsWith('-'))
                    i++;
                continue;
            }
            if (!token.Contains('='))
                throw new CliException($"Unrecognized command or argument '{token}' (host settings are --Section:Key value).");
        }
        return parse.GetValue(Urls) is { } urls ? ["--urls", urls, .. rest] : [.. rest];
    }
}
