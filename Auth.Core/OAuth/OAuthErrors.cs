namespace Auth.Core.OAuth;

/// <summary>Error codes of RFC 6749 §5.2 and §4.1.2.1, RFC 6750 §3.1 RFC 7009 §2.2.1 and OpenID Connect Core §3.1.2.6.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";
}
