using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Dpop;

/// <summary>Why a resource refused a token, and in which scheme to say so (RFC 6750 §3, RFC 9449 §7.1).</summary>
public sealed record ResourceRefusal(string Scheme, string Error, string Description);

/// <summary>
/// The DPoP rules of our protected resources (RFC 9449 §7): a bound token only with the <c>DPoP</c>
/// scheme and a proof by its key naming it in <c>ath</c>; never downgraded to <c>Bearer</c>.
/// </summary>
public sealed class ResourceDpopCheck(DpopProofReader proofs)
{
    /// <summary>Null when the token may be used as presented; otherwise the refusal.</summary>
    public async Task<ResourceRefusal?> CheckAsync(HttpRequest request, string scheme, string token, JsonWebToken jwt)
    {
        var boundTo = DpopBinding.JktOf(jwt);
        var dpopScheme = scheme == DpopErrors.TokenType;

        // Reject a DPoP-bound token presented as a bearer token: no downgrade (RFC 9449 §7.2).
        if (!dpopScheme)
            return boundTo is null ? null : Refuse(OAuthErrors.InvalidToken, "The access token is DPoP-bound: present it with the DPoP scheme and a proof");

        // Reject a bearer token presented with the DPoP scheme: there is no key to prove.
        if (boundTo is null)
            return Refuse(OAuthErrors.InvalidToken, "The access token is not DPoP-bound");

        var proof = await proofs.ReadAsync(request, token);
        if (proof.IsError)
            return Refuse(proof.Error!.Code, proof.Error.Description.TrimEnd('.'));
        // Reject a request without a proof, or with a proof by another key than the token's (RFC 9449 §7.1).
        if (proof.Value is null)
            return Refuse(DpopErrors.InvalidDpopProof, "A DPoP proof is required with a DPoP-bound access token");
        if (proof.Value.Jkt != boundTo)
            return Refuse(DpopErrors.InvalidDpopProof, "The DPoP proof was not signed by the key the access token is bound to");
        return null;
    }

    private static ResourceRefusal Refuse(string error, string description) => new(DpopErrors.TokenType, error, description);
}
