namespace Auth.Core.Grants;

/// <summary>
/// The parameters of a token request (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6), as read from the
/// form. A class, not a record, so the password never shows up in a generated <c>ToString</c>.
/// </summary>
public sealed class GrantRequest
{
    public string? Scope { get; init; }
    public string? Code { get; init; }
    public string? RedirectUri { get; init; }
    public string? CodeVerifier { get; init; }
    public string? RefreshToken { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
}
