using Auth.Api.Hosting;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Data.Replay;

namespace Auth.Api.Dpop;

/// <summary>
/// Reads and checks the <c>DPoP</c> header of a request (RFC 9449 §4.3): at most one proof, valid for
/// this method and URI, its <c>jti</c> never seen before on any instance. The URI is our issuer plus
/// the request path, so a proxy in front (the issuer's host) does not change what the client signs.
/// </summary>
public sealed class DpopProofReader(FinancialGradeOptions options, DpopNonces nonces, ReplayStore replays, AuthSettings settings, TimeProvider clock)
{
    private static readonly OAuthError Replayed = DpopErrors.InvalidProof("The DPoP proof was used before.");

    /// <summary>The checked proof, null when the request carries none, or the error to answer with.</summary>
    /// <param name="accessToken">At a resource: the access token the proof must name in <c>ath</c>.</param>
    public async Task<Outcome<DpopProof?>> ReadAsync(HttpRequest request, string? accessToken = null)
    {
        var headers = request.Headers[DpopErrors.ProofHeader];
        if (headers.Count == 0)
            return (DpopProof?)null;
        // Reject more than one proof (RFC 9449 §4.3 step 1).
        if (headers.Count > 1)
            return DpopErrors.InvalidProof("Send exactly one DPoP proof.");

        var now = clock.GetUtcNow();
        var proof = DpopProofValidator.Validate(headers[0], new DpopExpectation(
            request.Method, settings.Issuer + request.PathBase + request.Path, now, options.ProofWindow, accessToken,
            options.RequireNonce ? nonces.IsValid : null));
        if (proof.IsError)
            return proof.Error!;

        // Reject a proof whose jti was seen within its window, on this or any other instance (RFC 9449 §11.1).
        var checkedProof = proof.Value!;
        if (!await replays.TryUseAsync(ReplayKind.DpopProof, checkedProof.Jkt, checkedProof.Jti, checkedProof.RememberUntil, now))
            return Replayed;
        return checkedProof;
    }

    /// <summary>The OAuth error answer for a refused proof, with a fresh nonce when the error asks for one (RFC 9449 §8).</summary>
    public IResult Refuse(HttpResponse response, OAuthError error)
    {
        if (error.Code == DpopErrors.UseDpopNonce)
            response.Headers[DpopErrors.NonceHeader] = nonces.Current();
        return OAuth.OAuthResults.Error(error);
    }

    /// <summary>Sets <c>DPoP-Nonce</c> on the response when nonces are in use (RFC 9449 §8.1, §8.2).</summary>
    public void OfferNonce(HttpResponse response)
    {
        if (options.RequireNonce)
            response.Headers[DpopErrors.NonceHeader] = nonces.Current();
    }
}
