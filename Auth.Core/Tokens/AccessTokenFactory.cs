using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Tokens;

/// <summary>Signs access tokens as RS256 JWTs in the RFC 9068 profile.</summary>
public static class AccessTokenFactory
{
    // Note: times are set from the injected clock, never by the handler.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(AccessTokenClaims claims, SigningKey key)
    {
        var payload = new Dictionary<string, object>(10)
        {
            [ClaimNames.Issuer] = claims.Issuer,
            [ClaimNames.Subject] = claims.Subject,
            [ClaimNames.Audience] = claims.Audiences.Count == 1 ? claims.Audiences[0] : claims.Audiences.ToArray(),
            [ClaimNames.Expires] = claims.ExpiresAt.ToUnixTimeSeconds(),
            [ClaimNames.IssuedAt] = claims.IssuedAt.ToUnixTimeSeconds(),
            [ClaimNames.NotBefore] = claims.IssuedAt.ToUnixTimeSeconds(),
            [ClaimNames.JwtId] = claims.Jti.ToString(),
            [ClaimNames.ClientId] = claims.ClientId,
            [ClaimNames.Scope] = claims.Scope,
        };
        if (claims.Username is not null)
            payload[ClaimNames.Username] = claims.Username;
        if (claims.SessionId is { } sid)
            payload[ClaimNames.SessionId] = sid.ToString();
        if (claims.Jkt is { } jkt)
            payload[Dpop.DpopBinding.ConfirmationClaim] = new Dictionary<string, object> { [Dpop.DpopBinding.ThumbprintMember] = jkt };

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = key.Credentials,
            TokenType = ClaimNames.AccessTokenType,
        });
    }
}
