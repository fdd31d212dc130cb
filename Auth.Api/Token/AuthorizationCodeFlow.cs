using Auth.Api.OAuth;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Codes;

namespace Auth.Api.Token;

/// <summary>
/// authorization_code (RFC 6749 §4.1.3): consumes the code with one atomic statement, lets the
/// grant check it against the request, and stores the new family in the same transaction.
/// </summary>
public static class AuthorizationCodeFlow
{
    public static async Task<IResult> RunAsync(OAuthForm form, GrantContext context, AuthorizationCodeStore codes)
    {
        var code = form[Parameters.Code];
        if (code is null)
            return OAuthResults.Error(OAuthError.InvalidRequest("code is required."));

        var familyId = Guid.NewGuid();
        var redirectUri = form[Parameters.RedirectUri];
        var verifier = form[Parameters.CodeVerifier];
        var outcome = await codes.RedeemAsync(SecretHasher.Hash(code), familyId, context.Now,
            stored => AuthorizationCodeGrant.Handle(stored, redirectUri, verifier, context, familyId));
        return outcome.IsError ? OAuthResults.Error(outcome.Error!) : OAuthResults.Tokens(outcome.Value!);
    }
}
