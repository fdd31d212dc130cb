using Auth.Core.OAuth;

namespace Auth.Core.Scopes;

/// <summary>Parses and grants scopes (RFC 6749 §3.3).</summary>
public static class ScopePolicy
{
    private static readonly char[] Separators = [' ', '+'];

    /// <summary>Splits a scope string on spaces or '+', dropping empty and repeated entries.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        string.IsNullOrWhiteSpace(scope)
            ? []
            : scope.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The scope to grant: everything <paramref name="allowed"/> when nothing is requested,
    /// else the requested set if it is a subset of <paramref name="allowed"/>.
    /// </summary>
    public static Outcome<string> Grant(string? requested, IReadOnlyList<string> allowed)
    {
        var scopes = Parse(requested);
        if (scopes.Count == 0)
            return string.Join(' ', allowed);

        // Reject characters outside scope-token (RFC 6749 §3.3: NQCHAR).
        if (scopes.Any(s => !s.All(IsScopeChar)))
            return OAuthError.InvalidScope("The requested scope is malformed.");

        // Reject any scope the client (or the original grant) does not hold.
        if (scopes.Any(s => !allowed.Contains(s)))
            return OAuthError.InvalidScope("The requested scope is not allowed for this client.");

        return string.Join(' ', scopes);
    }

    private static bool IsScopeChar(char c) => c == '\x21' || (c >= '\x23' && c <= '\x5B') || (c >= '\x5D' && c <= '\x7E');
}
