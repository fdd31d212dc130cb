namespace Auth.Core.Grants;

/// <summary>
/// The token response of RFC 6749 §5.1, plus what the caller must store for it:
/// <see cref="FamilyId"/> is the family of a user grant (the access token's <c>sid</c>);
/// <see cref="BoundJkt"/> the DPoP key of the access token (<c>cnf.jkt</c>) and <see cref="FamilyJkt"/>
/// the key a new family's refresh tokens are bound to (RFC 9449 §5).
/// </summary>
public sealed record IssuedTokens(
    string AccessToken,
    Guid Jti,
    DateTimeOffset AccessTokenExpiresAt,
    int ExpiresIn,
    string Scope,
    Guid? FamilyId,
    NewRefreshToken? RefreshToken,
    string? BoundJkt = null,
    string? FamilyJkt = null)
{
    /// <summary>The ID token of an <c>openid</c> grant (OpenID Connect Core §3.1.3.3).</summary>
    public string? IdToken { get; init; }
    /// <summary>When the user of a user grant authenticated: stored with the family, repeated by refreshed ID tokens.</summary>
    public DateTimeOffset? AuthTime { get; init; }
}

/// <summary>A refresh token to store (as its hash) and hand out (as its value).</summary>
public sealed record NewRefreshToken(
    string Value,
    byte[] Hash,
    Guid FamilyId,
    byte[]? ParentHash,
    string Scope,
    DateTimeOffset ExpiresAt);
