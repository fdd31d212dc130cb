namespace Auth.Core.OAuth;

public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string Password = "password";
    public const string ClientCredentials = "client_credentials";

    public static readonly IReadOnlyList<string> All = [AuthorizationCode, RefreshToken, Password, ClientCredentials];
}
