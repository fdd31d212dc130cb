namespace Auth.Core.OpenIdConnect;

/// <summary>
/// What an ID token states (OpenID Connect Core §2): who (<see cref="Subject"/>), for which client,
/// when the user authenticated, and the access token it was issued with (for <c>at_hash</c>).
/// </summary>
public sealed record IdTokenClaims
{
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public required string ClientId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset AuthTime { get; init; }
    public required string AccessToken { get; init; }
    public string? Nonce { get; init; }
}
