using Auth.Core.Authorization;
using Auth.Core.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Authorize;

/// <summary>Reads the authorization request's parameters from the query string (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1).</summary>
public static class AuthorizationQuery
{
    private static readonly string[] Names =
    [
        Parameters.ClientId, Parameters.RedirectUri, Parameters.ResponseType, Parameters.Scope, Parameters.State,
        Parameters.CodeChallenge, Parameters.CodeChallengeMethod,
        Parameters.Nonce, Parameters.Prompt, Parameters.MaxAge, Parameters.LoginHint,
    ];

    public static AuthorizationParameters Read(IQueryCollection query)
    {
        // RFC 6749 §3.1: a parameter without a value is treated as omitted; none may be repeated.
        string? Value(string name) => query[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        var repeated = Names.Where(n => query[n].Count > 1).ToArray();
        return new AuthorizationParameters(
            Value(Parameters.ClientId), Value(Parameters.RedirectUri), Value(Parameters.ResponseType), Value(Parameters.Scope),
            Value(Parameters.State), Value(Parameters.CodeChallenge), Value(Parameters.CodeChallengeMethod), repeated)
        {
            Nonce = Value(Parameters.Nonce),
            Prompt = Value(Parameters.Prompt),
            MaxAge = Value(Parameters.MaxAge),
            LoginHint = Value(Parameters.LoginHint),
        };
    }

    /// <summary>
    /// The query to continue with once the user has just entered the password: without
    /// <c>prompt=login</c> and <c>max_age</c>, which that sign-in has satisfied (else the
    /// authorization endpoint would ask again, forever).
    /// </summary>
    public static string AfterSignIn(IQueryCollection query)
    {
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in query)
        {
            if (name == Parameters.MaxAge)
                continue;
            foreach (var value in values)
            {
                var kept1 = name == Parameters.Prompt
                    ? string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(v => v != Prompts.Login))
                    : value;
                if (name != Parameters.Prompt || kept1!.Length > 0)
                    kept.Add(new(name, kept1));
            }
        }
        return QueryHelpers.AddQueryString("", kept);
    }
}
