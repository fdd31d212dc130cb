namespace Auth.Core.OpenIdConnect;

/// <summary>A user's standard claims (OpenID Connect Core §5.1) as stored; unset ones are null.</summary>
public sealed record UserProfile(
    Guid Id,
    string Username,
    string? Name,
    string? GivenName,
    string? FamilyName,
    string? Email,
    bool EmailVerified,
    DateTimeOffset UpdatedAt);
