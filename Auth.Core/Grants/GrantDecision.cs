using Auth.Core.OAuth;

namespace Auth.Core.Grants;

/// <summary>What a grant decided: the tokens or an error, and the token state to write either way.</summary>
public sealed record GrantDecision(Outcome<IssuedTokens> Tokens, TokenWrite Write)
{
    public static implicit operator GrantDecision(OAuthError error) => new(error, TokenWrite.None);
}

/// <summary>Why a family is revoked by a grant: its refresh token or its code came back (RFC 9700 §4.14.2, RFC 6749 §4.1.2).</summary>
public enum ReuseKind
{
    RefreshToken,
    AuthorizationCode,
}

/// <summary>
/// A change to token state that a grant asks for. Where one is single-use (a code, a refresh
/// token), the consuming <c>UPDATE ... WHERE consumed_at IS NULL</c> decides: the loser of a race
/// stores nothing and its family is revoked as a reuse.
/// </summary>
public abstract record TokenWrite
{
    private TokenWrite()
    {
    }

    public static readonly TokenWrite None = new Nothing();

    /// <summary>Nothing to store (client_credentials, and most errors).</summary>
    public sealed record Nothing : TokenWrite;

    /// <summary>
    /// Store the tokens' new family and its first refresh token; when a broker issued them, the broker
    /// and the access token's id too, so that broker (and only it) can revoke the token by id.
    /// </summary>
    public sealed record CreateFamily(Guid UserId, string? BrokerClientId) : TokenWrite;

    /// <summary>Consume the code and, only if that wins, create the family as <see cref="CreateFamily"/>, with the broker that issued the code, if one did.</summary>
    public sealed record ConsumeCode(byte[] CodeHash, Guid UserId) : TokenWrite;

    /// <summary>
    /// Consume the parent refresh token and, only if that wins, store its successor and stretch the
    /// family over the new tokens; in a broker's family, keep the new access token's id as well.
    /// </summary>
    public sealed record Rotate(byte[] ParentHash, Guid UserId) : TokenWrite;

    /// <summary>Revoke a family whose code or refresh token was presented again.</summary>
    public sealed record RevokeFamily(Guid FamilyId, ReuseKind Kind) : TokenWrite;
}
