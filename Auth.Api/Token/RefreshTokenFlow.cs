using Auth.Api.OAuth;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Tokens;

namespace Auth.Api.Token;

/// <summary>
/// refresh_token: loads the presented token by its hash, lets the grant decide, then consumes it
/// and stores its successor in one transaction. Losing the race to consume it counts as a reuse.
/// </summary>
public static class RefreshTokenFlow
{
    private static readonly OAuthError Reused = OAuthError.InvalidGrant("The refresh token is invalid, expired or revoked.");

    public static async Task<IResult> RunAsync(OAuthForm form, GrantContext context, TokenServices services)
    {
        var value = form[Parameters.RefreshToken];
        // Reject a request without the token (RFC 6749 §6: refresh_token is REQUIRED).
        if (value is null)
            return OAuthResults.Error(OAuthError.InvalidRequest("refresh_token is required."));

        var store = services.RefreshTokens;
        var hash = SecretHasher.Hash(value);
        var stored = await store.FindAsync(hash);
        var outcome = RefreshTokenGrant.Handle(form[Parameters.Scope], context, stored);

        if (outcome.RevokeFamily)
            await RevokeReusedFamilyAsync(services, hash, context.Client.Id, stored!.FamilyId);
        if (outcome.Tokens.IsError)
            return OAuthResults.Error(outcome.Tokens.Error!);

        var tokens = outcome.Tokens.Value!;
        var rotation = await store.RotateAsync(tokens.RefreshToken!, context.Client.Id, stored!.UserId!.Value, tokens.AccessTokenExpiresAt);
        if (rotation == RefreshTokenStore.RotationResult.AlreadyConsumed)
        {
            // Note: another request consumed it between our read and our write; one token, two users: a reuse.
            await RevokeReusedFamilyAsync(services, hash, context.Client.Id, stored.FamilyId);
            return OAuthResults.Error(Reused);
        }
        return OAuthResults.Tokens(tokens);
    }

    private static async Task RevokeReusedFamilyAsync(TokenServices services, byte[] hash, string clientId, Guid familyId)
    {
        // RFC 9700 §4.14.2: a rotated refresh token used again means it leaked; end the whole family.
        await services.RefreshTokens.RevokeFamilyOfAsync(hash, clientId);
        services.Metrics.RefreshReuseDetected();
        services.Logger.LogWarning("Refresh token reuse by client {ClientId}: revoked token family {FamilyId}", clientId, familyId);
    }
}
