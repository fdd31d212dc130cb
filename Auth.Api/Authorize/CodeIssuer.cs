using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Security;
using Auth.Data.Codes;

namespace Auth.Api.Authorize;

/// <summary>
/// Issues authorization codes: 256 random bits, stored only as a SHA-256 hash, bound to the
/// client, redirect URI, scope, user and PKCE challenge, living the client's code lifetime
/// (RFC 6749 §4.1.2, §10.10).
/// </summary>
public sealed class CodeIssuer(AuthorizationCodeStore codes, TimeProvider clock)
{
    /// <summary>The new code, or null when the user no longer exists or is disabled.</summary>
    /// <param name="dpopJkt">The DPoP key the code is bound to (RFC 9449 §10), if any.</param>
    public async Task<string?> IssueAsync(AuthorizationRequest request, Guid userId, string? dpopJkt = null)
    {
        var code = RandomTokens.New();
        var stored = await codes.InsertAsync(new NewCode(
            SecretHasher.Hash(code), request.Client.Id, userId, request.RedirectUri, request.Scope,
            request.CodeChallenge, request.CodeChallengeMethod, clock.GetUtcNow() + FinancialGradeRules.CodeLifetime(request.Client), dpopJkt));
        return stored ? code : null;
    }
}
