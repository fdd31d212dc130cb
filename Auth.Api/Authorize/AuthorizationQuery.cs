using Auth.Core.Authorization;
using Auth.Core.OAuth;

namespace Auth.Api.Authorize;

/// <summary>Reads the authorization request's parameters from the query string (RFC 6749 §4.1.1).</summary>
public static class AuthorizationQuery
{
    private static readonly string[] Names =
    [
        Parameters.ClientId, Parameters.RedirectUri, Parameters.ResponseType, Parameters.Scope, Parameters.State,
        Parameters.CodeChallenge, Parameters.CodeChallengeMethod,
    ];

    public static AuthorizationParameters Read(IQueryCollection query)
    {
        // RFC 6749 §3.1: a parameter without a value is treated as omitted; none may be repeated.
        string? Value(string name) => query[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        var repeated = Names.Where(n => query[n].Count > 1).ToArray();
        return new AuthorizationParameters(
            Value(Parameters.ClientId), Value(Parameters.RedirectUri), Value(Parameters.ResponseType), Value(Parameters.Scope),
            Value(Parameters.State), Value(Parameters.CodeChallenge), Value(Parameters.CodeChallengeMethod), repeated);
    }
}
