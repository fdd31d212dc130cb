namespace Auth.Core.Grants;

/// <summary>
/// A stored refresh token with the state that decides whether it still works: its family's
/// revocation, its user and its client. Loaded by hash; the value itself is never stored.
/// </summary>
public sealed record StoredRefreshToken
{
    public required byte[] Hash { get; init; }
    public required Guid FamilyId { get; init; }
    public required string ClientId { get; init; }
    public Guid? UserId { get; init; }
    public string? Username { get; init; }
    public required string Scope { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConsumedAt { get; init; }
    /// <summary>When the user of the family signed in: a refreshed ID token repeats it (OpenID Connect Core §12.2).</summary>
    public DateTimeOffset? AuthTime { get; init; }
    public bool FamilyRevoked { get; init; }
    public bool UserEnabled { get; init; }
    public bool ClientActive { get; init; }
    /// <summary>The DPoP key the family is bound to (a public client's, RFC 9449 §5), or null.</summary>
    public string? DpopJkt { get; init; }

    public bool IsConsumed => ConsumedAt is not null;

    /// <summary>
    /// Usable right now, ignoring who asks: not rotated, not expired, family not revoked,
    /// user and client still enabled. What introspection reports as <c>active</c>.
    /// </summary>
    public bool IsActive(DateTimeOffset now) =>
        !IsConsumed && ExpiresAt > now && !FamilyRevoked && UserEnabled && ClientActive;
}
