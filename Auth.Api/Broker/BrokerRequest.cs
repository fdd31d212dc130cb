using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Users;

namespace Auth.Api.Broker;

/// <summary>
/// The body shared by the broker's <c>POST /v1/oauth/authorize</c> and <c>/token</c>
/// (client_id, client_secret, redirect_uri, scope, account_id), checked in the document's order:
/// the client (401), then the redirect URI, scope and account (422).
/// </summary>
public sealed record BrokerRequest(AuthorizationRequest? Request, UserAccount? Account, IResult? Refusal)
{
    private static BrokerRequest Refuse(IResult refusal) => new(null, null, refusal);

    public static async Task<BrokerRequest> ReadAsync(HttpRequest http, BrokerServices services)
    {
        var body = await BrokerBody.ReadAsync(http);
        if (body is null)
            return Refuse(BrokerResults.BadRequest("The body must be a form or a JSON object of strings."));

        var clientId = body[Parameters.ClientId];
        var secret = body[Parameters.ClientSecret];
        if (clientId is null || secret is null)
            return Refuse(BrokerResults.Unauthorized("client_id and client_secret are required."));

        // Note: the document sends the secret in the body; it authenticates as whichever secret method the client registered.
        var client = await services.Clients.FindAsync(clientId);
        var method = client?.AuthMethods.Contains(ClientAuthMethods.SecretPost) == true ? ClientAuthMethods.SecretPost : ClientAuthMethods.SecretBasic;
        var authenticated = ClientAuthenticator.Authenticate(new ClientCredentials(clientId, secret, method), client, services.Clock.GetUtcNow());
        if (authenticated.IsError)
            return Refuse(BrokerResults.Unauthorized("Client does not exist, or the client secret is incorrect."));
        client = authenticated.Value!;

        // Reject clients not registered for the authorization_code grant: the broker acts within that flow.
        if (!client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
            return Refuse(BrokerResults.Unprocessable("This client may not use the authorization code flow."));

        var redirectUri = body[Parameters.RedirectUri];
        if (!AuthorizationRequestValidator.IsRegisteredRedirectUri(client.RedirectUris, redirectUri))
            return Refuse(BrokerResults.Unprocessable("The redirect URI is not registered for this client."));

        var scope = AuthorizationRequestValidator.ScopeToGrant(body[Parameters.Scope], client.Scopes);
        if (scope.IsError)
            return Refuse(BrokerResults.Unprocessable("The scope is invalid for this client."));

        if (!Guid.TryParse(body["account_id"], out var accountId)
            || await services.Users.FindByIdAsync(accountId) is not { Enabled: true } account)
            return Refuse(BrokerResults.Unprocessable("account_id does not name an active account."));

        return new BrokerRequest(new AuthorizationRequest(client, redirectUri, scope.Value!, null, null, null), account, null);
    }
}
