using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Tokens;

/// <summary>
/// Reads a JWT that claims to be one we signed: the form, an RS256 signature by a key of our ring, our
/// issuer and the expected <c>typ</c>. Lifetime and claims are the caller's rules.
/// </summary>
public static class OwnJwt
{
    private const int MaxLength = 8192;
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>
    /// The token with <see cref="AccessTokenStatus.Valid"/>, <see cref="AccessTokenStatus.UnknownKey"/> when
    /// it names a key this instance has not loaded, or <see cref="AccessTokenStatus.Invalid"/>.
    /// </summary>
    public static async Task<AccessTokenCheck> ReadAsync(string? token, string issuer, Func<string, SecurityKey?> findKey, string type)
    {
        // Reject what cannot be one of our tokens before any parsing work.
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !Handler.CanReadToken(token))
            return AccessTokenCheck.Invalid;

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AccessTokenCheck.Invalid;
        }

        if (string.IsNullOrEmpty(jwt.Kid))
            return AccessTokenCheck.Invalid;
        if (findKey(jwt.Kid) is not { } key)
            return new AccessTokenCheck(AccessTokenStatus.UnknownKey, null);

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = [type],
            RequireSignedTokens = true,
        });
        return result.IsValid ? new AccessTokenCheck(AccessTokenStatus.Valid, jwt) : AccessTokenCheck.Invalid;
    }
}
