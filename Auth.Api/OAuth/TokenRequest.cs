using Auth.Core.Clients;
using Auth.Core.OAuth;

namespace Auth.Api.OAuth;

/// <summary>A request to /introspect or /revoke: the authenticated caller, the token, and its optional type hint.</summary>
public sealed record TokenRequest(Client Client, string Token, string? TokenTypeHint)
{
    /// <summary>
    /// Reads <c>token</c> and <c>token_type_hint</c> from the form body or, as seed 000's clients
    /// send them, the query string, then authenticates the client (RFC 7662 §2.1, RFC 7009 §2.1).
    /// Client credentials are never taken from the query string.
    /// </summary>
    public static async Task<Outcome<TokenRequest>> ReadAsync(HttpRequest request, ClientAuthentication authentication)
    {
        var form = IsBodyless(request) ? OAuthForm.Empty() : await OAuthForm.ReadAsync(request);
        if (form.IsError)
            return form.Error!;

        var client = await authentication.AuthenticateAsync(request, form.Value!);
        if (client.IsError)
            return client.Error!;

        var token = Parameter(request, form.Value!, Parameters.Token);
        if (token.IsError)
            return token.Error!;
        // Reject a request without a token (RFC 7662 §2.1, RFC 7009 §2.1: token is REQUIRED).
        if (token.Value is null)
            return OAuthError.InvalidRequest("token is required.");

        var hint = Parameter(request, form.Value!, Parameters.TokenTypeHint);
        if (hint.IsError)
            return hint.Error!;

        return new TokenRequest(client.Value!, token.Value, hint.Value);
    }

    private static bool IsBodyless(HttpRequest request) =>
        string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any();

    /// <summary>A parameter from the body or the query string; given in both, or twice, it is an error.</summary>
    private static Outcome<string?> Parameter(HttpRequest request, OAuthForm form, string name)
    {
        var query = request.Query[name];
        // Reject repeated parameters (RFC 6749 §3.1).
        if (query.Count > 1 || (query.Count == 1 && form.Has(name)))
            return OAuthError.InvalidRequest($"The parameter '{name}' is repeated.");
        var value = form[name] ?? query.ToString();
        return string.IsNullOrEmpty(value) ? (string?)null : value;
    }
}
