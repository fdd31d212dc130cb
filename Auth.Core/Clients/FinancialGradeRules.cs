using Auth.Core.Authorization;
using Auth.Core.Dpop;
using Auth.Core.OAuth;

namespace Auth.Core.Clients;

/// <summary>
/// The per-client requirements of <see cref="FinancialGradeSettings"/> and of the FAPI 2.0 profile
/// (FAPI 2.0 Security Profile §5.3), each rule refusing one thing.
/// </summary>
public static class FinancialGradeRules
{
    /// <summary>After the authorization request itself is valid: what its client demands of how it was made.</summary>
    /// <param name="pushed">The request came through <c>request_uri</c> from the PAR endpoint.</param>
    /// <param name="serverRequiresPar">The server-wide switch (RFC 9126 §5 <c>require_pushed_authorization_requests</c>).</param>
    public static OAuthError? CheckAuthorization(AuthorizationRequest request, bool pushed, bool serverRequiresPar)
    {
        var settings = request.Client.FinancialGrade;

        // Reject a request not pushed, when the client or the server requires pushing (RFC 9126 §6, FAPI 2.0 §5.3.1.2 item 2).
        if (!pushed && (serverRequiresPar || settings.PushedRequestsRequired))
            return OAuthError.InvalidRequest("Authorization requests of this client must be pushed to the PAR endpoint first (RFC 9126).");

        // Reject a FAPI 2.0 request without PKCE: the profile requires S256 of every client (FAPI 2.0 §5.3.1.2 item 5).
        if (settings.IsFapi2 && request.CodeChallenge is null)
            return OAuthError.InvalidRequest("FAPI 2.0 requires PKCE: send code_challenge with code_challenge_method S256.");

        return null;
    }

    /// <summary>Reject a FAPI 2.0 client authenticating any other way than <c>private_key_jwt</c> (FAPI 2.0 §5.3.1.1 item 4).</summary>
    public static OAuthError? CheckAuthenticationMethod(Client client, string method) =>
        client.FinancialGrade.IsFapi2 && method != ClientAuthMethods.PrivateKeyJwt
            ? OAuthError.InvalidClient("FAPI 2.0 clients authenticate with private_key_jwt.")
            : null;

    /// <summary>At the token endpoint: the grant this client may use and the proof it must bring.</summary>
    public static OAuthError? CheckTokenRequest(Client client, string grantType, DpopProof? proof)
    {
        // Reject the password grant for FAPI 2.0 clients (FAPI 2.0 §5.3.2.1 item 2: only the code flow).
        if (client.FinancialGrade.IsFapi2 && grantType == GrantTypes.Password)
            return OAuthError.UnauthorizedClient("FAPI 2.0 clients may not use the password grant.");

        // Reject a request without a DPoP proof when the client must bind its tokens (RFC 9449 §5.2, FAPI 2.0 §5.3.2.1 item 1).
        if (client.FinancialGrade.DpopRequired && proof is null)
            return DpopErrors.InvalidProof("This client must send a DPoP proof: its tokens are sender-constrained.");

        return null;
    }

    /// <summary>How long this client's codes live: FAPI 2.0 caps them at 60 seconds (§5.3.2.1 item 5).</summary>
    public static TimeSpan CodeLifetime(Client client) =>
        client.FinancialGrade.IsFapi2 && client.CodeLifetime > ClientProfiles.Fapi2MaxCodeLifetime
            ? ClientProfiles.Fapi2MaxCodeLifetime
            : client.CodeLifetime;

    /// <summary>
    /// The key a new token family is bound to (RFC 9449 §5): a public client's refresh tokens are bound
    /// to the proof's key; a confidential client's are bound by its authentication, so not to a key.
    /// </summary>
    public static string? RefreshBinding(Client client, DpopProof? proof) => client.IsPublic ? proof?.Jkt : null;

    /// <summary>Reject a code or refresh token bound to a DPoP key when the request proves another key, or none (RFC 9449 §5, §10).</summary>
    public static OAuthError? CheckBoundKey(string? boundJkt, DpopProof? proof) =>
        boundJkt is not null && proof?.Jkt != boundJkt
            ? OAuthError.InvalidGrant("The grant is bound to a DPoP key this request does not prove.")
            : null;

    /// <summary>True for a well-formed <c>dpop_jkt</c>: a base64url SHA-256 thumbprint is 43 characters (RFC 9449 §10).</summary>
    public static bool IsWellFormedJkt(string jkt) =>
        jkt.Length == 43 && jkt.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
