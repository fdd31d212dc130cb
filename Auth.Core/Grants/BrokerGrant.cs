using Auth.Core.OAuth;
using Auth.Core.Users;

namespace Auth.Core.Grants;

/// <summary>
/// The broker API's token (document 002): tokens for an account the broker signed in itself,
/// as a code redemption would give them, in a new family whose access token can be revoked by id.
/// The broker's request (client, redirect URI, scope, account) is checked before, in the API.
/// </summary>
public sealed class BrokerGrant : IGrant<UserAccount>
{
    public OAuthError? Precheck(GrantRequest request, GrantContext context) => null;

    public GrantDecision Decide(GrantRequest request, UserAccount account, GrantContext context) =>
        new(TokenMinting.MintNewFamily(context, account.Id, account.Username, request.Scope ?? "") with { AuthTime = context.Now },
            new TokenWrite.CreateFamily(account.Id, KeepAccessTokenId: true));
}
