using System.Diagnostics.CodeAnalysis;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Authorization;

/// <summary>
/// Validates an authorization request (RFC 6749 §4.1.1): the client and the redirect URI first,
/// with failures shown on a page (§4.1.2.1: never redirect to an unverified URI), then everything
/// else, with failures redirected to the client as §4.1.2.1 says.
/// </summary>
public static class AuthorizationRequestValidator
{
    public const string CodeResponseType = "code";
    private const int MaxStateLength = 2048;
    private const int MaxLoginHintLength = 256;

    public static AuthorizationCheck Validate(AuthorizationParameters p, Client? client)
    {
        // Reject repeated client_id or redirect_uri on the page: we cannot tell which one to trust (RFC 6749 §3.1).
        if (p.Repeated.Contains(Parameters.ClientId) || p.Repeated.Contains(Parameters.RedirectUri))
            return AuthorizationCheck.Page("The request names its client or its redirect address more than once.");

        // Reject an unknown, disabled or unapproved client on the page (RFC 6749 §4.1.2.1).
        if (p.ClientId is null || client is null || !client.Enabled || client.Status != ClientStatus.Active)
            return AuthorizationCheck.Page("The application that sent you here is not registered with us.");

        if (!IsRegisteredRedirectUri(client.RedirectUris, p.RedirectUri))
            return AuthorizationCheck.Page("The application asked us to send you back to an address it has not registered.");

        var redirectUri = p.RedirectUri;
        var state = p.State;
        if (state is { Length: > MaxStateLength })
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("state is too long."), redirectUri, null);

        // Reject any other repeated parameter (RFC 6749 §3.1).
        if (p.Repeated.Count > 0)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("A parameter is repeated."), redirectUri, state);

        // Reject a missing response_type, and any other than code: implicit is not served (RFC 6749 §4.1.2.1, RFC 9700 §2.1.2).
        if (p.ResponseType is null)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("response_type is required."), redirectUri, state);
        if (p.ResponseType != CodeResponseType)
            return AuthorizationCheck.Redirect(new OAuthError(OAuthErrors.UnsupportedResponseType, "Only response_type=code is supported."), redirectUri, state);

        // Reject clients not registered for the authorization_code grant (RFC 6749 §4.1.2.1 unauthorized_client).
        if (!client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
            return AuthorizationCheck.Redirect(OAuthError.UnauthorizedClient("This client may not use the authorization code flow."), redirectUri, state);

        var scope = ScopeToGrant(p.Scope, client.Scopes);
        if (scope.IsError)
            return AuthorizationCheck.Redirect(scope.Error!, redirectUri, state);

        // Reject a method without a challenge, and any method but S256: plain is refused (RFC 7636 §4.3, RFC 9700 §2.1.1).
        if (p.CodeChallenge is null && p.CodeChallengeMethod is not null)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("code_challenge_method was sent without code_challenge."), redirectUri, state);
        if (p.CodeChallenge is not null && p.CodeChallengeMethod != Pkce.S256)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("code_challenge_method must be S256."), redirectUri, state);
        if (p.CodeChallenge is not null && !Pkce.IsWellFormedChallenge(p.CodeChallenge))
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("code_challenge is malformed."), redirectUri, state);

        // Reject a public client without PKCE (RFC 7636 §4.4.1, RFC 9700 §2.1.1).
        if (client.IsPublic && p.CodeChallenge is null)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("code_challenge is required for public clients."), redirectUri, state);

        // Reject prompt values not served, and none with any other (OpenID Connect Core §3.1.2.1).
        var prompts = (p.Prompt ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (prompts.Any(v => !Prompts.Supported.Contains(v)))
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("prompt has a value that is not supported."), redirectUri, state);
        if (prompts.Contains(Prompts.None) && prompts.Count > 1)
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("prompt=none cannot be combined with other values."), redirectUri, state);

        // Reject a max_age that is not a number of seconds (OpenID Connect Core §3.1.2.1).
        TimeSpan? maxAge = null;
        if (p.MaxAge is not null)
        {
            if (!p.MaxAge.All(char.IsAsciiDigit) || !int.TryParse(p.MaxAge, out var seconds))
                return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("max_age must be a whole number of seconds."), redirectUri, state);
            maxAge = TimeSpan.FromSeconds(seconds);
        }

        if (p.Nonce is { Length: > MaxStateLength } || p.LoginHint is { Length: > MaxLoginHintLength })
            return AuthorizationCheck.Redirect(OAuthError.InvalidRequest("nonce or login_hint is too long."), redirectUri, state);

        return AuthorizationCheck.Valid(new AuthorizationRequest(client, redirectUri, scope.Value!, state, p.CodeChallenge, p.CodeChallengeMethod)
        {
            Nonce = p.Nonce,
            Prompts = prompts,
            MaxAge = maxAge,
            LoginHint = p.LoginHint,
        });
    }

    /// <summary>Rejects a redirect URI that is not exactly one of the registered ones (RFC 6749 §3.1.2.3, RFC 9700 §2.1).</summary>
    public static bool IsRegisteredRedirectUri(IReadOnlyList<string> registered, [NotNullWhen(true)] string? redirectUri) =>
        redirectUri is not null && registered.Contains(redirectUri, StringComparer.Ordinal);

    /// <summary>
    /// Rejects scopes the client does not hold (RFC 6749 §3.3); none requested means all of the
    /// client's, and a client with no scope at all gets no code.
    /// </summary>
    public static Outcome<string> ScopeToGrant(string? requested, IReadOnlyList<string> clientScopes)
    {
        var scope = ScopePolicy.Grant(requested, clientScopes);
        if (scope.IsError)
            return scope.Error!;
        if (scope.Value!.Length == 0)
            return OAuthError.InvalidScope("This client has no scope to grant.");
        return scope.Value;
    }
}
