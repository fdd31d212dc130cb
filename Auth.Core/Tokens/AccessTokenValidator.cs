using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Tokens;

public enum AccessTokenStatus
{
    Valid,
    Expired,
    /// <summary>Well-formed, but signed by a key this instance has not loaded (yet).</summary>
    UnknownKey,
    Invalid,
}

public sealed record AccessTokenCheck(AccessTokenStatus Status, JsonWebToken? Token)
{
    public static readonly AccessTokenCheck Invalid = new(AccessTokenStatus.Invalid, null);
}

/// <summary>
/// Checks an access token's form, signature, issuer, type and lifetime. Revocation is
/// state, so the caller checks it after this says <see cref="AccessTokenStatus.Valid"/>.
/// </summary>
public static class AccessTokenValidator
{
    private static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(30);

    public static async Task<AccessTokenCheck> ValidateAsync(
        string? token, string issuer, Func<string, SecurityKey?> findKey, DateTimeOffset now)
    {
        // RFC 9068 §4: reject JWTs that are not access tokens, e.g. ID tokens.
        var check = await OwnJwt.ReadAsync(token, issuer, findKey, ClaimNames.AccessTokenType);
        if (check.Status != AccessTokenStatus.Valid)
            return check;
        var jwt = check.Token!;

        // Reject tokens missing the claims every one of ours carries.
        if (!Guid.TryParse(jwt.Id, out _) || !jwt.TryGetPayloadValue<string>(ClaimNames.ClientId, out _))
            return AccessTokenCheck.Invalid;

        if (jwt.ValidTo == DateTime.MinValue || new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) <= now)
            return new AccessTokenCheck(AccessTokenStatus.Expired, jwt);
        if (new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) > now + NotBeforeSkew)
            return AccessTokenCheck.Invalid;

        return new AccessTokenCheck(AccessTokenStatus.Valid, jwt);
    }
}
