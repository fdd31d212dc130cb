using Auth.Core.OAuth;

namespace Auth.Core.Grants;

/// <summary>
/// One grant type (RFC 6749 §4, §6) as a decision without I/O: the token endpoint checks the
/// request, loads <typeparamref name="TState"/> through Auth.Data, asks the grant, and applies
/// the <see cref="TokenWrite"/> of the answer in one transaction.
/// </summary>
public interface IGrant<in TState>
{
    /// <summary>Rejects what needs no stored state (a missing parameter, a scope outside the client's), before anything is loaded.</summary>
    OAuthError? Precheck(GrantRequest request, GrantContext context);

    /// <summary>The tokens or an error, plus the writes to make.</summary>
    GrantDecision Decide(GrantRequest request, TState state, GrantContext context);
}

/// <summary>The state of a grant that loads nothing (client_credentials).</summary>
public readonly record struct NoState;
