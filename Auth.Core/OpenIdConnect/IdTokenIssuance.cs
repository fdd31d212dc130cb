using Auth.Core.Grants;
using Auth.Core.Scopes;

namespace Auth.Core.OpenIdConnect;

/// <summary>Adds the ID token to a user grant's tokens when the granted scope holds <c>openid</c> (OpenID Connect Core §3.1.3.3).</summary>
public static class IdTokenIssuance
{
    /// <param name="authTime">When the user entered the password: the code's, the family's on a refresh (Core §12.2), now for the password grant.</param>
    /// <param name="nonce">The authentication request's nonce (a code's only: Core §12.2 repeats none on a refresh).</param>
    public static IssuedTokens WithIdToken(this IssuedTokens tokens, GrantContext context, string subject, DateTimeOffset authTime, string? nonce = null)
    {
        tokens = tokens with { AuthTime = authTime };
        if (!ScopePolicy.Parse(tokens.Scope).Contains(OidcScopes.OpenId))
            return tokens;

        return tokens with
        {
            IdToken = IdTokenFactory.Create(new IdTokenClaims
            {
                Issuer = context.Issuer,
                Subject = subject,
                ClientId = context.Client.Id,
                IssuedAt = context.Now,
                ExpiresAt = context.Now + IdTokenFactory.Lifetime,
                AuthTime = authTime,
                AccessToken = tokens.AccessToken,
                Nonce = nonce,
            }, context.SigningKey),
        };
    }
}
