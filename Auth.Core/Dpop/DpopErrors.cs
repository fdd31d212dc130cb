using Auth.Core.OAuth;

namespace Auth.Core.Dpop;

/// <summary>The error codes of RFC 9449 (§5, §7.1, §8, §9) and the DPoP vocabulary we answer with.</summary>
public static class DpopErrors
{
    public const string InvalidDpopProof = "invalid_dpop_proof";
    public const string UseDpopNonce = "use_dpop_nonce";

    /// <summary>The HTTP header of a proof (RFC 9449 §4.1) and of a server nonce (§8.1).</summary>
    public const string ProofHeader = "DPoP";
    public const string NonceHeader = "DPoP-Nonce";

    /// <summary>The <c>token_type</c> of a DPoP-bound access token (RFC 9449 §5) and its authorization scheme (§7.1).</summary>
    public const string TokenType = "DPoP";

    public static OAuthError InvalidProof(string description) => new(InvalidDpopProof, description);
    public static OAuthError NonceRequired() => new(UseDpopNonce, "Authorization server requires nonce in DPoP proof.");
}
