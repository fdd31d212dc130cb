using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Grants;

/// <summary>
/// The client_credentials grant (RFC 6749 §4.4): a token for the client itself, with
/// <c>sub</c> the client id and no refresh token (§4.4.3). Nothing to load, nothing to store.
/// </summary>
public sealed class ClientCredentialsGrant : IGrant<NoState>
{
    public OAuthError? Precheck(GrantRequest request, GrantContext context) => null;

    public GrantDecision Decide(GrantRequest request, NoState state, GrantContext context)
    {
        var client = context.Client;

        // Reject public clients: this grant is for confidential clients only (RFC 6749 §4.4).
        if (client.IsPublic)
            return OAuthError.UnauthorizedClient("Public clients cannot use client_credentials.");

        var scope = ScopePolicy.Grant(request.Scope, client.Scopes);
        if (scope.IsError)
            return scope.Error!;

        return new GrantDecision(TokenMinting.Mint(context, subject: client.Id, scope.Value!, username: null, familyId: null), TokenWrite.None);
    }
}
