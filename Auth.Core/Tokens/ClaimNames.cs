namespace Auth.Core.Tokens;

public static class ClaimNames
{
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string Audience = "aud";
    public const string Expires = "exp";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string JwtId = "jti";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Username = "username";
    public const string SessionId = "sid";

    /// <summary>The JOSE <c>typ</c> of an access token (RFC 9068 §2.1).</summary>
    public const string AccessTokenType = "at+jwt";
}
