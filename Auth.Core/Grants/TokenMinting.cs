using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Core.Tokens;

namespace Auth.Core.Grants;

/// <summary>Mints the access token and, where the client may refresh, the refresh token of a grant.</summary>
public static class TokenMinting
{
    /// <summary>
    /// The tokens of a user grant that starts a new family (password, authorization_code, the
    /// broker's token): the one place a family id is made.
    /// </summary>
    public static IssuedTokens MintNewFamily(GrantContext context, Guid userId, string username, string scope) =>
        Mint(context, subject: userId.ToString(), scope, username, familyId: Guid.NewGuid());

    /// <param name="subject">The user id for user grants, the client id otherwise (RFC 9068 §2.2).</param>
    /// <param name="familyId">The token family of a user grant; null for client_credentials.</param>
    /// <param name="parentRefreshHash">The refresh token this one rotates, if any.</param>
    public static IssuedTokens Mint(
        GrantContext context, string subject, string scope, string? username, Guid? familyId, byte[]? parentRefreshHash = null)
    {
        var client = context.Client;
        var expiresAt = context.Now + client.AccessTokenLifetime;
        var jti = Guid.NewGuid();
        var accessToken = AccessTokenFactory.Create(new AccessTokenClaims
        {
            Issuer = context.Issuer,
            Subject = subject,
            Audiences = client.TokenAudiences,
            ClientId = client.Id,
            Scope = scope,
            IssuedAt = context.Now,
            ExpiresAt = expiresAt,
            Jti = jti,
            Username = username,
            SessionId = familyId,
        }, context.SigningKey);

        NewRefreshToken? refresh = null;
        if (familyId is { } family && client.GrantTypes.Contains(GrantTypes.RefreshToken))
        {
            var value = RandomTokens.New();
            refresh = new NewRefreshToken(value, SecretHasher.Hash(value), family, parentRefreshHash, scope,
                context.Now + client.RefreshTokenLifetime);
        }

        return new IssuedTokens(accessToken, jti, expiresAt, (int)client.AccessTokenLifetime.TotalSeconds, scope, familyId, refresh);
    }
}
