using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Core.Scopes;

namespace Auth.Core.Grants;

/// <summary>
/// The refresh_token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use issues a
/// new refresh token in the same family and consumes the old one; presenting a consumed one
/// again revokes the family. The new refresh token keeps the expiry of the one it replaces,
/// so rotation never extends a sign-in beyond the client's refresh-token lifetime, and its scope,
/// so a narrower request narrows only the access token it answers.
/// </summary>
public sealed class RefreshTokenGrant : IGrant<StoredRefreshToken?>
{
    private static readonly OAuthError Invalid = OAuthError.InvalidGrant("The refresh token is invalid, expired or revoked.");

    // Reject a request without the token (RFC 6749 §6: refresh_token is REQUIRED).
    public OAuthError? Precheck(GrantRequest request, GrantContext context) =>
        request.RefreshToken is null ? OAuthError.InvalidRequest("refresh_token is required.") : null;

    /// <param name="stored">The row found by the presented token's hash, or null.</param>
    public GrantDecision Decide(GrantRequest request, StoredRefreshToken? stored, GrantContext context)
    {
        // Reject unknown tokens (RFC 6749 §5.2 invalid_grant).
        if (stored is null)
            return Invalid;

        // Reject a token issued to another client (RFC 6749 §6: bound to the client it was issued to).
        if (stored.ClientId != context.Client.Id)
            return Invalid;

        // Reject a rotated token presented again, and revoke its family (RFC 9700 §4.14.2).
        if (stored.IsConsumed)
            return new GrantDecision(Invalid, stored.FamilyRevoked ? TokenWrite.None : new TokenWrite.RevokeFamily(stored.FamilyId, ReuseKind.RefreshToken));

        // Reject tokens whose family was revoked, or that expired.
        if (stored.FamilyRevoked || stored.ExpiresAt <= context.Now)
            return Invalid;

        // Reject tokens of users that were disabled or deleted since.
        if (stored.UserId is not { } userId || !stored.UserEnabled)
            return Invalid;

        // Reject a public client's refresh token without a proof by the key it is bound to (RFC 9449 §5).
        if (Clients.FinancialGradeRules.CheckBoundKey(stored.DpopJkt, context.Dpop) is { } unbound)
            return unbound;

        // Reject a scope wider than the original grant (RFC 6749 §6); what the client no longer holds is dropped.
        var original = ScopePolicy.Parse(stored.Scope).Where(context.Client.Scopes.Contains).ToArray();
        var scope = ScopePolicy.Grant(request.Scope, original);
        if (scope.IsError)
            return scope.Error!;

        // OpenID Connect Core §12.2: a refreshed openid grant answers a new ID token for the original sign-in.
        var tokens = TokenMinting.Mint(context, subject: userId.ToString(), scope.Value!, stored.Username,
            familyId: stored.FamilyId, parentRefreshHash: stored.Hash)
            .WithIdToken(context, userId.ToString(), stored.AuthTime ?? stored.CreatedAt);

        // Note: the client still holds the refresh_token grant (checked by the endpoint), so Mint issued one.
        // RFC 6749 §6: a narrower scope narrows the access token only; the new refresh token keeps the presented one's scope.
        var successor = tokens.RefreshToken! with { ExpiresAt = stored.ExpiresAt, Scope = stored.Scope };
        return new GrantDecision(tokens with { RefreshToken = successor }, new TokenWrite.Rotate(stored.Hash, userId));
    }
}
