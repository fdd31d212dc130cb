using Auth.Core.Clients;
using Auth.Core.OAuth;

namespace Auth.Api.OAuth;

/// <summary>
/// Reads <c>client_assertion_type</c> and <c>client_assertion</c> (RFC 7521 §4.2): the JWT bearer type
/// only, with the client named by <c>client_id</c> or else by the assertion's <c>sub</c>.
/// </summary>
public static class ClientAssertionReader
{
    public static Outcome<ClientCredentials> Read(OAuthForm form, string? bodyId, bool otherMethodUsed)
    {
        // Reject more than one authentication method in one request (RFC 6749 §2.3).
        if (otherMethodUsed)
            return OAuthError.InvalidRequest("Use only one client authentication method.");

        var type = form[Parameters.ClientAssertionType];
        var assertion = form[Parameters.ClientAssertion];
        // Reject an assertion without its type, or the type without an assertion (RFC 7521 §4.2).
        if (type is null || assertion is null)
            return OAuthError.InvalidRequest("client_assertion and client_assertion_type go together.");
        if (type != ClientAssertionValidator.JwtBearerType)
            return OAuthError.InvalidClient("Only the JWT bearer client assertion type is accepted.");

        var claimed = ClientAssertionValidator.ClaimedClientId(assertion);
        // Reject an assertion about another client than client_id names (RFC 7521 §4.2).
        if (claimed is null || (bodyId is not null && bodyId != claimed))
            return OAuthError.InvalidClient("Client authentication failed.");
        return new ClientCredentials(claimed, null, ClientAuthMethods.PrivateKeyJwt, assertion);
    }
}
