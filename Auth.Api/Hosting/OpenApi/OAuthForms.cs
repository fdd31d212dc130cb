using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>
/// The form bodies of the OAuth endpoints as the OpenAPI document shows them. The endpoints read
/// their forms with <c>OAuthForm</c>; these types only describe the fields (RFC 6749 §4-6, RFC 7662,
/// RFC 7009, RFC 9126, RFC 7523).
/// </summary>
public abstract class ClientCredentialsForm
{
    [JsonPropertyName("client_id"), Description("The client id: required without HTTP Basic (client_secret_post, private_key_jwt, public clients).")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret"), Description("client_secret_post: the secret in the form instead of HTTP Basic. Never in the query string (RFC 6749 §2.3.1).")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("client_assertion_type"), Description("private_key_jwt (RFC 7523 §2.2): urn:ietf:params:oauth:client-assertion-type:jwt-bearer.")]
    public string? ClientAssertionType { get; init; }

    [JsonPropertyName("client_assertion"), Description("private_key_jwt: a JWT signed with a key of the client's registered JWKS.")]
    public string? ClientAssertion { get; init; }
}

[Description("A token request (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6). Which fields are needed depends on grant_type.")]
public sealed class TokenForm : ClientCredentialsForm
{
    [Required, JsonPropertyName("grant_type"), Description("authorization_code, refresh_token, password or client_credentials.")]
    public string GrantType { get; init; } = "";

    [JsonPropertyName("code"), Description("authorization_code: the code from the redirect; single use, 5 minutes by default.")]
    public string? Code { get; init; }

    [JsonPropertyName("redirect_uri"), Description("authorization_code: the redirect_uri sent to /oauth/authorize, exactly.")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("code_verifier"), Description("authorization_code: the PKCE verifier (RFC 7636 §4.5); required when the code has a challenge.")]
    public string? CodeVerifier { get; init; }

    [JsonPropertyName("refresh_token"), Description("refresh_token: the refresh token; it is rotated, and presenting a rotated one revokes its family.")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("username"), Description("password: the user's name (Username, as document 001 sends it, is accepted too).")]
    public string? Username { get; init; }

    [JsonPropertyName("password"), Description("password: the user's password (Password is accepted too).")]
    public string? Password { get; init; }

    [JsonPropertyName("scope"), Description("Space-separated scopes; absent means every scope registered for the client; on refresh it may only narrow.")]
    public string? Scope { get; init; }
}

[Description("A token to introspect (RFC 7662 §2.1) or revoke (RFC 7009 §2.1).")]
public sealed class TokenLookupForm : ClientCredentialsForm
{
    [Required, JsonPropertyName("token"), Description("An access token or a refresh token.")]
    public string Token { get; init; } = "";

    [JsonPropertyName("token_type_hint"), Description("access_token or refresh_token: which kind to look up first; the other is tried after.")]
    public string? TokenTypeHint { get; init; }
}

[Description("A pushed authorization request (RFC 9126 §2.1): the parameters of /oauth/authorize, sent by the client.")]
public sealed class PushedAuthorizationForm : ClientCredentialsForm
{
    [Required, JsonPropertyName("response_type"), Description("code (the only response type served).")]
    public string ResponseType { get; init; } = "code";

    [Required, JsonPropertyName("redirect_uri"), Description("One of the client's registered redirect URIs.")]
    public string RedirectUri { get; init; } = "";

    [JsonPropertyName("scope"), Description("Space-separated scopes.")]
    public string? Scope { get; init; }

    [JsonPropertyName("state"), Description("Returned unchanged in the redirect.")]
    public string? State { get; init; }

    [JsonPropertyName("code_challenge"), Description("PKCE challenge (RFC 7636): BASE64URL(SHA-256(code_verifier)).")]
    public string? CodeChallenge { get; init; }

    [JsonPropertyName("code_challenge_method"), Description("S256 (plain is refused).")]
    public string? CodeChallengeMethod { get; init; }

    [JsonPropertyName("nonce"), Description("OpenID Connect: copied into the ID token.")]
    public string? Nonce { get; init; }

    [JsonPropertyName("dpop_jkt"), Description("RFC 9449 §10: the thumbprint of the DPoP key the code is bound to.")]
    public string? DpopJkt { get; init; }
}

[Description("A broker request of document 002: form-encoded or a JSON object of strings.")]
public sealed class BrokerForm
{
    [Required, JsonPropertyName("client_id"), Description("The OAuth client the code or token is for.")]
    public string ClientId { get; init; } = "";

    [Required, JsonPropertyName("client_secret"), Description("That client's secret.")]
    public string ClientSecret { get; init; } = "";

    [Required, JsonPropertyName("redirect_uri"), Description("One of the client's registered redirect URIs.")]
    public string RedirectUri { get; init; } = "";

    [Required, JsonPropertyName("scope"), Description("Requested scopes, space- or +-separated.")]
    public string Scope { get; init; } = "";

    [Required, JsonPropertyName("account_id"), Description("The user id (uuid) of the account the broker signed in.")]
    public string AccountId { get; init; } = "";
}

[Description("The sign-in page's form.")]
public sealed class SignInForm
{
    [Required, JsonPropertyName("username")] public string Username { get; init; } = "";
    [Required, JsonPropertyName("password")] public string Password { get; init; } = "";
    [Required, JsonPropertyName("__RequestVerificationToken"), Description("The anti-forgery token of the page.")]
    public string RequestVerificationToken { get; init; } = "";
}

[Description("The consent page's form.")]
public sealed class ConsentForm
{
    [Required, JsonPropertyName("decision"), Description("allow or deny (deny redirects with error=access_denied).")]
    public string Decision { get; init; } = "";
    [JsonPropertyName("remember"), Description("true: remember the decision for these scopes.")]
    public string? Remember { get; init; }
    [Required, JsonPropertyName("__RequestVerificationToken"), Description("The anti-forgery token of the page.")]
    public string RequestVerificationToken { get; init; } = "";
}

[Description("An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2).")]
public sealed class EndSessionForm
{
    [JsonPropertyName("id_token_hint"), Description("An ID token this service issued to the client.")]
    public string? IdTokenHint { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("post_logout_redirect_uri"), Description("One of the client's registered postLogoutRedirectUris.")]
    public string? PostLogoutRedirectUri { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
}

[Description("A form of a browser page: its anti-forgery token and the page's own fields.")]
public sealed class PageForm
{
    [Required, JsonPropertyName("__RequestVerificationToken"), Description("The anti-forgery token of the page.")]
    public string RequestVerificationToken { get; init; } = "";
}
