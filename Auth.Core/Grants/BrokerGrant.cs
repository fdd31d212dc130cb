using Auth.Core.OAuth;
using Auth.Core.Users;

namespace Auth.Core.Grants;

/// <summary>An account a broker signed in itself, and the broker (the client of the broker API's bearer token).</summary>
public sealed record BrokerSignIn(UserAccount Account, string BrokerClientId);

/// <summary>
/// The broker API's token (document 002): tokens for an account the broker signed in itself,
/// as a code redemption would give them, in a new family recorded as the broker's, whose access
/// token (and those refreshed from it) that broker can revoke by id.
/// The broker's request (client, redirect URI, scope, account) is checked before, in the API.
/// </summary>
public sealed class BrokerGrant : IGrant<BrokerSignIn>
{
    public OAuthError? Precheck(GrantRequest request, GrantContext context) => null;

    public GrantDecision Decide(GrantRequest request, BrokerSignIn signIn, GrantContext context) =>
        new(TokenMinting.MintNewFamily(context, signIn.Account.Id, signIn.Account.Username, request.Scope ?? "") with { AuthTime = context.Now },
            new TokenWrite.CreateFamily(signIn.Account.Id, signIn.BrokerClientId));
}
