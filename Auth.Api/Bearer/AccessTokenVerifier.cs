using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Core.Tokens;
using Auth.Data.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Bearer;

public enum AccessTokenState
{
    Active,
    Expired,
    Revoked,
    Invalid,
}

public sealed record AccessTokenVerification(AccessTokenState State, JsonWebToken? Token);

/// <summary>
/// Verifies an access token the way every instance must: signature against the shared keys,
/// lifetime against the clock, then revocation against the database (so a revocation through
/// any instance holds at once on all of them).
/// </summary>
public sealed class AccessTokenVerifier(SigningKeyRing keys, TokenStateStore tokens, AuthSettings settings, TimeProvider clock)
{
    public async Task<AccessTokenVerification> VerifyAsync(string? token)
    {
        var check = await AccessTokenValidator.ValidateAsync(token, settings.Issuer, keys.Find, clock.GetUtcNow());
        if (check.Status == AccessTokenStatus.UnknownKey && await keys.ReloadIfStaleAsync())
            check = await AccessTokenValidator.ValidateAsync(token, settings.Issuer, keys.Find, clock.GetUtcNow());

        switch (check.Status)
        {
            case AccessTokenStatus.Expired:
                return new(AccessTokenState.Expired, check.Token);
            case not AccessTokenStatus.Valid:
                return new(AccessTokenState.Invalid, null);
        }

        var jwt = check.Token!;
        var jti = Guid.Parse(jwt.Id);
        Guid? sid = jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var s) && Guid.TryParse(s, out var g) ? g : null;
        var clientId = jwt.GetPayloadValue<string>(ClaimNames.ClientId);
        return await tokens.IsAccessTokenRevokedAsync(jti, sid, clientId)
            ? new(AccessTokenState.Revoked, jwt)
            : new(AccessTokenState.Active, jwt);
    }
}
