using Auth.Core.Scopes;
using Auth.Core.Tokens;

namespace Auth.Core.OpenIdConnect;

/// <summary>
/// Which of a user's claims each scope releases (OpenID Connect Core §5.4): <c>profile</c> gives
/// <c>name</c>, <c>preferred_username</c>, <c>updated_at</c> and the name parts that are set;
/// <c>email</c> gives <c>email</c> and <c>email_verified</c> when an address is set. <c>sub</c> always.
/// </summary>
public static class ScopeClaims
{
    /// <summary>Every claim this service can release, for discovery's <c>claims_supported</c>.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        ClaimNames.Subject, ClaimNames.Issuer, ClaimNames.Audience, ClaimNames.Expires, ClaimNames.IssuedAt,
        OidcClaimNames.AuthTime, OidcClaimNames.Nonce, OidcClaimNames.AccessTokenHash, OidcClaimNames.AuthorizedParty,
        OidcClaimNames.Name, OidcClaimNames.GivenName, OidcClaimNames.FamilyName, OidcClaimNames.PreferredUsername,
        OidcClaimNames.UpdatedAt, OidcClaimNames.Email, OidcClaimNames.EmailVerified,
    ];

    /// <summary>The claims <paramref name="scope"/> releases about <paramref name="user"/>, <c>sub</c> first.</summary>
    public static Dictionary<string, object> For(UserProfile user, string scope)
    {
        var scopes = ScopePolicy.Parse(scope);
        var claims = new Dictionary<string, object> { [ClaimNames.Subject] = user.Id.ToString() };
        if (scopes.Contains(OidcScopes.Profile))
        {
            // Note: name is the full name when set, else the username, so an app always has something to show.
            claims[OidcClaimNames.Name] = user.Name ?? user.Username;
            claims[OidcClaimNames.PreferredUsername] = user.Username;
            AddIfSet(claims, OidcClaimNames.GivenName, user.GivenName);
            AddIfSet(claims, OidcClaimNames.FamilyName, user.FamilyName);
            claims[OidcClaimNames.UpdatedAt] = user.UpdatedAt.ToUnixTimeSeconds();
        }
        // Core §5.3.2: a claim without a value is omitted, never null.
        if (scopes.Contains(OidcScopes.Email) && user.Email is { } email)
        {
            claims[OidcClaimNames.Email] = email;
            claims[OidcClaimNames.EmailVerified] = user.EmailVerified;
        }
        return claims;
    }

    private static void AddIfSet(Dictionary<string, object> claims, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            claims[name] = value;
    }
}
