using System.Security.Cryptography;
using System.Text;
using Auth.Core.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.OpenIdConnect;

/// <summary>Signs ID tokens (OpenID Connect Core §2) as RS256 JWTs with the access tokens' keys.</summary>
public static class IdTokenFactory
{
    /// <summary>How long an ID token is valid: OpenIddict's default (node-oidc-provider takes an hour).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    // Note: times are set from the injected clock, never by the handler.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(IdTokenClaims claims, SigningKey key)
    {
        var payload = new Dictionary<string, object>(10)
        {
            [ClaimNames.Issuer] = claims.Issuer,
            [ClaimNames.Subject] = claims.Subject,
            [ClaimNames.Audience] = claims.ClientId,
            [ClaimNames.Expires] = claims.ExpiresAt.ToUnixTimeSeconds(),
            [ClaimNames.IssuedAt] = claims.IssuedAt.ToUnixTimeSeconds(),
            [OidcClaimNames.AuthTime] = claims.AuthTime.ToUnixTimeSeconds(),
            [OidcClaimNames.AccessTokenHash] = AccessTokenHash(claims.AccessToken),
            // Core §2: azp names the party the token was issued to; always sent, as OpenIddict does.
            [OidcClaimNames.AuthorizedParty] = claims.ClientId,
        };
        // Core §3.1.2.1: a nonce of the request is echoed unchanged.
        if (claims.Nonce is not null)
            payload[OidcClaimNames.Nonce] = claims.Nonce;

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = key.Credentials,
            TokenType = OidcClaimNames.IdTokenType,
        });
    }

    /// <summary>
    /// <c>at_hash</c> (Core §3.1.3.6): the base64url of the left half of the SHA-256 of the access
    /// token's ASCII, SHA-256 being the hash of RS256.
    /// </summary>
    public static string AccessTokenHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash, 0, hash.Length / 2);
    }
}
