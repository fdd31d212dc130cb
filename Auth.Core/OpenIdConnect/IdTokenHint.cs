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
    private const int MaxLength = 8192;
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>The claims of a hint we issued, or null for anything else.</summary>
    public static async Task<IdTokenHintClaims?> ReadAsync(string hint, string issuer, Func<string, SecurityKey?> findKey)
    {
        // Reject what cannot be one of our tokens before any parsing work.
        if (hint.Length > MaxLength || !Handler.CanReadToken(hint))
            return null;
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(hint);
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (string.IsNullOrEmpty(jwt.Kid) || findKey(jwt.Kid) is not { } key)
            return null;

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // Reject access tokens (at+jwt) passed as hints: only ID tokens name the client in aud.
            ValidTypes = [OidcClaimNames.IdTokenType],
            RequireSignedTokens = true,
        });
        if (!result.IsValid || string.IsNullOrEmpty(jwt.Subject)
            || !jwt.TryGetPayloadValue<string>(OidcClaimNames.AuthorizedParty, out var clientId) || !jwt.Audiences.Contains(clientId))
            return null;
        return new IdTokenHintClaims(jwt.Subject, clientId);
    }
}
