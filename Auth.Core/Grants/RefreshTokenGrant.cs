using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Grants;

/// <summary>The outcome of a refresh: the new tokens, or an error, plus whether the family must be revoked.</summary>
public sealed record RefreshGrantOutcome(Outcome<IssuedTokens> Tokens, bool RevokeFamily = false);

/// <summary>
/// The refresh_token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use issues a
/// new refresh token in the same family and consumes the old one; presenting a consumed one
/// again revokes the family. The new refresh token keeps the expiry of the one it replaces,
/// so rotation never extends a sign-in beyond the client's refresh-token lifetime.
/// </summary>
public static class RefreshTokenGrant
{
    private static readonly OAuthError Invalid = OAuthError.InvalidGrant("The refresh token is invalid, expired or revoked.");

    /// <param name="stored">The row found by the presented token's hash, or null.</param>
    public static RefreshGrantOutcome Handle(string? requestedScope, GrantContext context, StoredRefreshToken? stored)
    {
        // Reject unknown tokens (RFC 6749 §5.2 invalid_grant).
        if (stored is null)
            return new(Invalid);

        // Reject a token issued to another client (RFC 6749 §6: bound to the client it was issued to).
        if (stored.ClientId != context.Client.Id)
            return new(Invalid);

        // Reject a rotated token presented again, and revoke its family (RFC 9700 §4.14.2).
        if (stored.IsConsumed)
            return new(Invalid, RevokeFamily: !stored.FamilyRevoked);

        // Reject tokens whose family was revoked, or that expired.
        if (stored.FamilyRevoked || stored.ExpiresAt <= context.Now)
            return new(Invalid);

        // Reject tokens of users that were disabled or deleted since.
        if (stored.UserId is null || !stored.UserEnabled)
            return new(Invalid);

        // Reject a public client's refresh token without a proof by the key it is bound to (RFC 9449 §5).
        if (Clients.FinancialGradeRules.CheckBoundKey(stored.DpopJkt, context.Dpop) is { } unbound)
            return new(unbound);

        // Reject a scope wider than the original grant (RFC 6749 §6); what the client no longer holds is dropped.
        var original = ScopePolicy.Parse(stored.Scope).Where(context.Client.Scopes.Contains).ToArray();
        var scope = ScopePolicy.Grant(requestedScope, original);
        if (scope.IsError)
            return new(scope.Error!);

        var tokens = TokenMinting.Mint(context, subject: stored.UserId.Value.ToString(), scope.Value!, stored.Username,
            familyId: stored.FamilyId, parentRefreshHash: stored.Hash);

        // Note: the client still holds the refresh_token grant (checked by the endpoint), so Mint issued one.
        return new(tokens with { RefreshToken = tokens.RefreshToken! with { ExpiresAt = stored.ExpiresAt } });
    }
}
