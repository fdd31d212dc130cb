using Auth.Core.OAuth;

namespace Auth.Core.Grants;

/// <summary>An authorization code as stored, with the username of the user it was issued for.</summary>
public sealed record StoredCode(
    string ClientId,
    Guid UserId,
    string Username,
    string RedirectUri,
    string Scope,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    DateTimeOffset ExpiresAt,
    string? DpopJkt = null);

/// <summary>
/// The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6): checks a code the caller has
/// just consumed against the request, and mints the tokens of a new family. Every failure is the
/// same <c>invalid_grant</c>, so a caller learns nothing about which check failed.
/// </summary>
public static class AuthorizationCodeGrant
{
    private static readonly OAuthError Invalid = OAuthError.InvalidGrant("The authorization code is invalid, expired or was issued to another client.");

    public static Outcome<IssuedTokens> Handle(StoredCode code, string? redirectUri, string? codeVerifier, GrantContext context, Guid familyId)
    {
        var client = context.Client;

        // Reject a code issued to another client (RFC 6749 §4.1.3).
        if (code.ClientId != client.Id)
            return Invalid;

        // Reject an expired code (RFC 6749 §4.1.2: short-lived).
        if (code.ExpiresAt <= context.Now)
            return Invalid;

        // Reject a redirect_uri not identical to the one of the authorization request (RFC 6749 §4.1.3).
        if (redirectUri is null || !string.Equals(redirectUri, code.RedirectUri, StringComparison.Ordinal))
            return Invalid;

        if (code.CodeChallenge is { } challenge)
        {
            // Reject a missing or wrong verifier, compared in constant time (RFC 7636 §4.6).
            if (code.CodeChallengeMethod != Pkce.S256 || codeVerifier is null || !Pkce.Matches(codeVerifier, challenge))
                return Invalid;
        }
        else
        {
            // Reject a public client's code without PKCE (RFC 7636 §4.4.1), and a verifier for a code
            // issued without a challenge: a PKCE downgrade (RFC 9700 §4.8.2).
            if (client.IsPublic || codeVerifier is not null)
                return Invalid;
        }

        // Reject a code bound to a DPoP key (dpop_jkt) without a proof by that key (RFC 9449 §10).
        if (Clients.FinancialGradeRules.CheckBoundKey(code.DpopJkt, context.Dpop) is { } unbound)
            return unbound;

        return TokenMinting.Mint(context, subject: code.UserId.ToString(), code.Scope, code.Username, familyId);
    }
}
