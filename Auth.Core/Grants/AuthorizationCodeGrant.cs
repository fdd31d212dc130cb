using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Core.Security;

namespace Auth.Core.Grants;

/// <summary>An authorization code as stored, with its user and, once consumed, the family it created.</summary>
public sealed record StoredCode
{
    public required string ClientId { get; init; }
    public required Guid UserId { get; init; }
    public required string Username { get; init; }
    public required bool UserEnabled { get; init; }
    public required string RedirectUri { get; init; }
    public required string Scope { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConsumedAt { get; init; }
    public Guid? FamilyId { get; init; }
    /// <summary>The DPoP key the code is bound to (<c>dpop_jkt</c>, RFC 9449 §10), or null.</summary>
    public string? DpopJkt { get; init; }
    /// <summary>The authentication request's nonce, echoed in the ID token (OpenID Connect Core §3.1.2.1).</summary>
    public string? Nonce { get; init; }
    /// <summary>When the user entered the password (null for codes issued before it was recorded).</summary>
    public DateTimeOffset? AuthTime { get; init; }
}

/// <summary>
/// The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6): checks the stored code against
/// the request and mints the tokens of a new family; the code is consumed when they are stored.
/// Every failure is the same <c>invalid_grant</c>, so a caller learns nothing about which check failed.
/// </summary>
public sealed class AuthorizationCodeGrant : IGrant<StoredCode?>
{
    private static readonly OAuthError Invalid = OAuthError.InvalidGrant("The authorization code is invalid, expired or was issued to another client.");

    public OAuthError? Precheck(GrantRequest request, GrantContext context) =>
        request.Code is null ? OAuthError.InvalidRequest("code is required.") : null;

    /// <param name="code">The code found by the presented value's hash, or null.</param>
    public GrantDecision Decide(GrantRequest request, StoredCode? code, GrantContext context)
    {
        var client = context.Client;
        if (code is null)
            return Invalid;

        // Reject a code presented again, and revoke the family it created (RFC 6749 §4.1.2).
        if (code.ConsumedAt is not null)
            return new GrantDecision(Invalid, code.FamilyId is { } family ? new TokenWrite.RevokeFamily(family, ReuseKind.AuthorizationCode) : TokenWrite.None);

        // Reject a code whose user was disabled or deleted since.
        if (!code.UserEnabled)
            return Invalid;

        // Reject a code issued to another client (RFC 6749 §4.1.3).
        if (code.ClientId != client.Id)
            return Invalid;

        // Reject an expired code (RFC 6749 §4.1.2: short-lived).
        if (code.ExpiresAt <= context.Now)
            return Invalid;

        // Reject a redirect_uri not identical to the one of the authorization request (RFC 6749 §4.1.3).
        if (request.RedirectUri is null || !string.Equals(request.RedirectUri, code.RedirectUri, StringComparison.Ordinal))
            return Invalid;

        var verifier = request.CodeVerifier;
        if (code.CodeChallenge is { } challenge)
        {
            // Reject a missing or wrong verifier, compared in constant time (RFC 7636 §4.6).
            if (code.CodeChallengeMethod != Pkce.S256 || verifier is null || !Pkce.Matches(verifier, challenge))
                return Invalid;
        }
        else
        {
            // Reject a public client's code without PKCE (RFC 7636 §4.4.1), and a verifier for a code
            // issued without a challenge: a PKCE downgrade (RFC 9700 §4.8.2).
            if (client.IsPublic || verifier is not null)
                return Invalid;
        }

        // Reject a code bound to a DPoP key (dpop_jkt) without a proof by that key (RFC 9449 §10).
        if (Clients.FinancialGradeRules.CheckBoundKey(code.DpopJkt, context.Dpop) is { } unbound)
            return unbound;

        // OpenID Connect Core §3.1.3.3: an openid code also answers an ID token, with the code's nonce.
        var tokens = TokenMinting.MintNewFamily(context, code.UserId, code.Username, code.Scope)
            .WithIdToken(context, code.UserId.ToString(), code.AuthTime ?? context.Now, code.Nonce);
        return new GrantDecision(tokens,
            new TokenWrite.ConsumeCode(SecretHasher.Hash(request.Code!), code.UserId));
    }
}
