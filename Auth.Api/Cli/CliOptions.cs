using System.CommandLine;

namespace Auth.Api.Cli;

public enum OutputFormat
{
    Json,
    Table,
}

/// <summary>The options every command shares, and builders for the common kinds of option.</summary>
public static class CliOptions
{
    public static readonly Option<string> Output = OutputOption();

    public static OutputFormat Format(ParseResult parse) =>
        parse.GetValue(Output) == "table" ? OutputFormat.Table : OutputFormat.Json;

    private static Option<string> OutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "json (for scripts, the default) or table (for people)",
            Recursive = true,
            DefaultValueFactory = _ => "json",
        };
        option.AcceptOnlyFromAmong("json", "table");
        return option;
    }

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "on failure, show the full exception with its stack trace",
        Recursive = true,
    };

    public static Option<string> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A repeatable option whose values may also be comma separated: <c>--scopes a,b --scopes c</c>.</summary>
    public static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => r.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray(),
    };

    public static Option<int?> PositiveInt(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => int.TryParse(r.Tokens[0].Value, out var i) && i > 0
            ? i
            : Fail<int?>(r, $"{name} must be a positive whole number, not '{r.Tokens[0].Value}'."),
    };

    public static Option<int> Limit(int fallback) => new("--limit")
    {
        Description = $"at most this many (default {fallback})",
        DefaultValueFactory = _ => fallback,
        CustomParser = r => int.TryParse(r.Tokens[0].Value, out var i) && i is > 0 and <= 1000
            ? i
            : Fail<int>(r, $"--limit must be a whole number from 1 to 1000, not '{r.Tokens[0].Value}'."),
    };

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
