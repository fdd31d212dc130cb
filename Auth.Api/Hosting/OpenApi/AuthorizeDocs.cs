using Auth.Core.OAuth;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>The query of the authorization endpoint and of its pages' posts, which carry it on (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1).</summary>
public static class AuthorizeDocs
{
    public static RouteHandlerBuilder AuthorizationRequestDocs(this RouteHandlerBuilder builder) => builder
        .WithTags(DocumentDescription.SignInPages).BrowserPage()
        .Query(Parameters.ClientId, "The client.", required: true)
        .Query(Parameters.RedirectUri, "One of the client's registered redirect URIs, exactly.")
        .Query(Parameters.ResponseType, "code (the only response type served).", required: true)
        .Query(Parameters.Scope, "Space-separated (or +-separated) scopes; absent means every scope of the client.")
        .Query(Parameters.State, "Returned unchanged in the redirect.")
        .Query(Parameters.CodeChallenge, "PKCE (RFC 7636): BASE64URL(SHA-256(code_verifier)); required for public clients.")
        .Query(Parameters.CodeChallengeMethod, "S256 (plain is refused).")
        .Query(Parameters.Nonce, "OpenID Connect: copied into the ID token.")
        .Query(Parameters.Prompt, "none, login or consent (OpenID Connect Core §3.1.2.1).")
        .Query(Parameters.MaxAge, "Seconds since the last sign-in beyond which the user must sign in again.")
        .Query(Parameters.LoginHint, "A username to fill in on the sign-in page.")
        .Query(Parameters.RequestUri, "A request_uri from /oauth/par (RFC 9126 §4), with client_id and nothing else.")
        .ProducesHtml(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests)
        .ProducesEmpty(StatusCodes.Status302Found);
}
