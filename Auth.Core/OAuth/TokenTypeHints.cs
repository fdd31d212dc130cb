namespace Auth.Core.OAuth;

/// <summary>Values of <c>token_type_hint</c> (RFC 7009 §2.1, RFC 7662 §2.1) and the matching introspection <c>token_type</c>.</summary>
public static class TokenTypeHints
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";

    /// <summary>The <c>token_type</c> of an active access token (RFC 7662 §2.2, RFC 6750).</summary>
    public const string Bearer = "Bearer";
}
