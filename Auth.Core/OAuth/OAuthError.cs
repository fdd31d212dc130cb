namespace Auth.Core.OAuth;

/// <summary>
/// An OAuth error as a value: an RFC code and a short, fixed description that never
/// names a secret or says which of several credentials was wrong.
/// </summary>
public sealed record OAuthError(string Code, string Description)
{
    public static OAuthError InvalidRequest(string description) => new(OAuthErrors.InvalidRequest, description);
    public static OAuthError InvalidClient(string description) => new(OAuthErrors.InvalidClient, description);
    public static OAuthError InvalidGrant(string description) => new(OAuthErrors.InvalidGrant, description);
    public static OAuthError InvalidScope(string description) => new(OAuthErrors.InvalidScope, description);
    public static OAuthError UnauthorizedClient(string description) => new(OAuthErrors.UnauthorizedClient, description);
    public static OAuthError UnsupportedGrantType(string description) => new(OAuthErrors.UnsupportedGrantType, description);
}
