namespace Auth.Core.OAuth;

/// <summary>Request and response parameter names of RFC 6749, RFC 7636, RFC 7662, RFC 7009, OpenID Connect Core 1.0 and RP-Initiated Logout 1.0.</summary>
public static class Parameters
{
    public const string GrantType = "grant_type";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string Scope = "scope";
    public const string Username = "username";
    public const string Password = "password";
    public const string Code = "code";
    public const string RedirectUri = "redirect_uri";
    public const string CodeVerifier = "code_verifier";
    public const string RefreshToken = "refresh_token";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";
    public const string ResponseType = "response_type";
    public const string State = "state";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string ClientAssertion = "client_assertion";
    public const string ClientAssertionType = "client_assertion_type";
    public const string RequestUri = "request_uri";
    public const string DpopJkt = "dpop_jkt";
    public const string Nonce = "nonce";
    public const string Prompt = "prompt";
    public const string MaxAge = "max_age";
    public const string LoginHint = "login_hint";
    public const string IdToken = "id_token";
    public const string IdTokenHint = "id_token_hint";
    public const string PostLogoutRedirectUri = "post_logout_redirect_uri";
}
