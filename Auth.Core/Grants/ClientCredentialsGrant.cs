using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Grants;

/// <summary>
/// The client_credentials grant (RFC 6749 §4.4): a token for the client itself, with
/// <c>sub</c> the client id and no refresh token (§4.4.3).
/// </summary>
public static class ClientCredentialsGrant
{
    public static Outcome<IssuedTokens> Handle(string? requestedScope, GrantContext context)
    {
        var client = context.Client;

        // Reject public clients: this grant is for confidential clients only (RFC 6749 §4.4).
        if (client.IsPublic)
            return OAuthError.UnauthorizedClient("Public clients cannot use client_credentials.");

        var scope = ScopePolicy.Grant(requestedScope, client.Scopes);
        if (scope.IsError)
            return scope.Error!;

        return TokenMinting.Mint(context, subject: client.Id, scope.Value!, username: null, familyId: null);
    }
}
