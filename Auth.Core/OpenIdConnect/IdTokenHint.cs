using Auth.Core.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.OpenIdConnect;

/// <summary>Who an <c>id_token_hint</c> names: the user and the client it was issued to.</summary>
public sealed record IdTokenHintClaims(string Subject, string ClientId);

/// <summary>
/// Reads an <c>id_token_hint</c> (RP-Initiated Logout 1.0 §2): an ID token we signed, for our
/// issuer. Its expiry is not checked: the spec lets an expired ID token serve as the hint.
/// </summary>
public static class IdTokenHint
{
    /// <summary>The claims of a hint we issued, or null for anything else.</summary>
    public static async Task<IdTokenHintClaims?> ReadAsync(string hint, string issuer, Func<string, SecurityKey?> findKey)
    {
        // Reject access tokens (at+jwt) passed as hints: only ID tokens name the client in aud.
        if ((await OwnJwt.ReadAsync(hint, issuer, findKey, OidcClaimNames.IdTokenType)).Token is not { } jwt)
            return null;
        if (string.IsNullOrEmpty(jwt.Subject)
            || !jwt.TryGetPayloadValue<string>(OidcClaimNames.AuthorizedParty, out var clientId) || !jwt.Audiences.Contains(clientId))
            return null;
        return new IdTokenHintClaims(jwt.Subject, clientId);
    }
}
