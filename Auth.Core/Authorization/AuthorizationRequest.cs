using Auth.Core.Clients;
using Auth.Core.OAuth;

namespace Auth.Core.Authorization;

/// <summary>The parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) as received.</summary>
public sealed record AuthorizationParameters(
    string? ClientId,
    string? RedirectUri,
    string? ResponseType,
    string? Scope,
    string? State,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    IReadOnlyList<string> Repeated)
{
    /// <summary>OpenID Connect Core §3.1.2.1: echoed in the ID token.</summary>
    public string? Nonce { get; init; }
    /// <summary>OpenID Connect Core §3.1.2.1: space-separated <c>none</c>, <c>login</c>, <c>consent</c>.</summary>
    public string? Prompt { get; init; }
    /// <summary>OpenID Connect Core §3.1.2.1: the longest time since the user last authenticated, in seconds.</summary>
    public string? MaxAge { get; init; }
    /// <summary>OpenID Connect Core §3.1.2.1: the username to suggest on the sign-in page.</summary>
    public string? LoginHint { get; init; }
}

/// <summary>A valid authorization request: the client, where to answer, and what to bind the code to.</summary>
public sealed record AuthorizationRequest(
    Client Client,
    string RedirectUri,
    string Scope,
    string? State,
    string? CodeChallenge,
    string? CodeChallengeMethod)
{
    public string? Nonce { get; init; }
    public IReadOnlySet<string> Prompts { get; init; } = new HashSet<string>();
    public TimeSpan? MaxAge { get; init; }
    public string? LoginHint { get; init; }
}

/// <summary>
/// What to do with an authorization request: show an error page (the client or redirect URI
/// cannot be trusted, so never redirect), redirect an error to the client, or go on.
/// </summary>
public sealed record AuthorizationCheck(AuthorizationRequest? Request, string? PageError, OAuthError? RedirectError, string? RedirectUri, string? State)
{
    public static AuthorizationCheck Page(string message) => new(null, message, null, null, null);
    public static AuthorizationCheck Redirect(OAuthError error, string redirectUri, string? state) => new(null, null, error, redirectUri, state);
    public static AuthorizationCheck Valid(AuthorizationRequest request) => new(request, null, null, request.RedirectUri, request.State);
}
