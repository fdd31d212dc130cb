namespace Auth.Core.OpenIdConnect;

/// <summary>Claim names of OpenID Connect Core §2 (ID token) and §5.1 (standard claims).</summary>
public static class OidcClaimNames
{
    public const string AuthTime = "auth_time";
    public const string Nonce = "nonce";
    public const string AccessTokenHash = "at_hash";
    public const string AuthorizedParty = "azp";
    public const string Name = "name";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string PreferredUsername = "preferred_username";
    public const string UpdatedAt = "updated_at";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";

    /// <summary>The JOSE <c>typ</c> of an ID token, as OpenIddict and node-oidc-provider send it.</summary>
    public const string IdTokenType = "JWT";
}
