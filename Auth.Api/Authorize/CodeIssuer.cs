using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Security;
using Auth.Data.Codes;

namespace Auth.Api.Authorize;

/// <summary>
/// Issues authorization codes: 256 random bits, stored only as a SHA-256 hash, bound to the
/// client, redirect URI, scope, user, PKCE challenge, nonce and time of authentication, living the
/// client's code lifetime (RFC 6749 §4.1.2, §10.10; OpenID Connect Core §3.1.3.6).
/// </summary>
public sealed class CodeIssuer(AuthorizationCodeStore codes, TimeProvider clock)
{
    /// <summary>The new code, or null when the user no longer exists or is disabled.</summary>
    /// <param name="authTime">When the user entered the password (the broker's codes: now, the broker signed the user in).</param>
    /// <param name="dpopJkt">The DPoP key the code is bound to (RFC 9449 §10), if any.</param>
    /// <param name="brokerClientId">The broker issuing the code (broker API), if any: the tokens it is redeemed for are the broker's to revoke.</param>
    public async Task<string?> IssueAsync(
        AuthorizationRequest request, Guid userId, DateTimeOffset? authTime = null, string? dpopJkt = null, string? brokerClientId = null)
    {
        var code = RandomTokens.New();
        var now = clock.GetUtcNow();
        var stored = await codes.InsertAsync(new NewCode(
            SecretHasher.Hash(code), request.Client.Id, userId, request.RedirectUri, request.Scope,
            request.CodeChallenge, request.CodeChallengeMethod, now + FinancialGradeRules.CodeLifetime(request.Client), dpopJkt)
        {
            Nonce = request.Nonce,
            AuthTime = authTime ?? now,
            BrokerClientId = brokerClientId,
        });
        return stored ? code : null;
    }
}
