namespace Auth.Core.OpenIdConnect;

/// <summary>The scope values of OpenID Connect Core §3.1.2.1 and §5.4 that this service serves.</summary>
public static class OidcScopes
{
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [OpenId, Profile, Email];
}
