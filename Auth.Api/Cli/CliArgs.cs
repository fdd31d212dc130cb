namespace Auth.Api.Cli;

/// <summary>Options of the form <c>--name value</c> (repeatable) and bare flags <c>--name</c>.</summary>
public sealed class CliArgs
{
    private static readonly HashSet<string> Flags = ["--password-stdin", "--dry-run", "--require-par", "--require-dpop", "--email-verified"];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new CliException($"Unexpected argument '{name}'.");
            var value = Flags.Contains(name) ? "true" : e.MoveNext() ? e.Current : throw new CliException($"{name} needs a value.");
            if (!_values.TryGetValue(name, out var list))
                _values[name] = list = [];
            list.Add(value);
        }
    }

    public string? Single(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public string Required(string name) => Single(name) ?? throw new CliException($"{name} is required.");

    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>Every value of a repeatable option, each also split on commas.</summary>
    public IReadOnlyList<string> List(string name) => _values.TryGetValue(name, out var v)
        ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
        : [];

    public int? Int(string name) => Single(name) is { } s
        ? int.TryParse(s, out var i) && i > 0 ? i : throw new CliException($"{name} must be a positive whole number.")
        : null;
}

public sealed class CliException(string message) : Exception(message);
