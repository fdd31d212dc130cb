namespace Auth.Api.Registration;

/// <summary>The registration body of document 000.</summary>
public sealed record RegistrationRequest
{
    public string? CompanyName { get; init; }
    public string? CompanyInfo { get; init; }
    public string? HomepageUrl { get; init; }
    public ContactInfo? ContactInfo { get; init; }
    public string? AppCodeName { get; init; }
    public string? AppName { get; init; }
    public string? AppDescription { get; init; }
    public string? AppLogo { get; init; }
    public List<string>? RedirectUris { get; init; }
    public List<string>? GrantTypes { get; init; }
    public List<string>? ResponseTypes { get; init; }
    public string? AuthMethod { get; init; }
}

/// <summary>The person who speaks for the app.</summary>
public sealed record ContactInfo
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

/// <summary>The answer of document 000, plus the app's status; the secret is shown here only.</summary>
public sealed record RegistrationResponse(
    string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, IReadOnlyList<string> Audiences, string PublicKey, string Status);
