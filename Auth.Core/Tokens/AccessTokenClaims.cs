namespace Auth.Core.Tokens;

/// <summary>
/// The claims of an access token (RFC 9068 §2.2). <see cref="SessionId"/> names the token
/// family of a user grant so that revoking the family revokes its access tokens too.
/// </summary>
public sealed record AccessTokenClaims
{
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public required IReadOnlyList<string> Audiences { get; init; }
    public required string ClientId { get; init; }
    public required string Scope { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required Guid Jti { get; init; }
    public string? Username { get; init; }
    public Guid? SessionId { get; init; }
    /// <summary>The thumbprint of the DPoP key the token is bound to (RFC 9449 §6.1), or null for a bearer token.</summary>
    public string? Jkt { get; init; }
}
