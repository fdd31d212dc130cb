namespace Auth.Core.Dpop;

/// <summary>
/// A checked DPoP proof (RFC 9449 §4): the thumbprint of the key it was signed with (<c>jkt</c>,
/// §6.1), its <c>jti</c>, and until when the replay store must remember that <c>jti</c>.
/// </summary>
public sealed record DpopProof(string Jkt, string Jti, DateTimeOffset RememberUntil);

/// <summary>What a proof must match: the request it came with, the time, and optionally the access token and the nonce rule.</summary>
/// <param name="Method">The request's HTTP method (<c>htm</c>).</param>
/// <param name="Uri">The request's URI without query and fragment (<c>htu</c>, RFC 9449 §4.3 step 9).</param>
/// <param name="Window">How far <c>iat</c> may be from now, either way (§11.1).</param>
/// <param name="AccessToken">At a resource, the token presented with the proof: <c>ath</c> must be its hash (§4.3 step 12).</param>
/// <param name="NonceIsValid">When set, the proof must carry a nonce this accepts (§8), else <c>use_dpop_nonce</c>.</param>
public sealed record DpopExpectation(
    string Method,
    string Uri,
    DateTimeOffset Now,
    TimeSpan Window,
    string? AccessToken = null,
    Func<string, bool>? NonceIsValid = null);
