using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auth.Core.Jose;
using Auth.Core.OAuth;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Dpop;

/// <summary>
/// Checks a DPoP proof JWT against the request it came with, following RFC 9449 §4.3 step by step.
/// Replay of the <c>jti</c> is state, so the caller checks it after this succeeds.
/// </summary>
public static class DpopProofValidator
{
    public const string ProofType = "dpop+jwt";
    private const int MaxJtiLength = 256;

    public static Outcome<DpopProof> Validate(string? proof, DpopExpectation expected)
    {
        using var jws = CompactJws.Parse(proof);
        // Reject anything that is not one well-formed JWT (§4.3 steps 2-3).
        if (jws is null)
            return DpopErrors.InvalidProof("The DPoP proof is not a well-formed JWT.");

        // Reject another typ (§4.3 step 4).
        if (jws.HeaderText("typ") != ProofType)
            return DpopErrors.InvalidProof("The DPoP proof must have typ dpop+jwt.");

        // Reject none, symmetric and unsupported algorithms (§4.3 step 5).
        var alg = jws.HeaderText("alg");
        if (alg is null || !AsymmetricJwk.Algorithms.Contains(alg))
            return DpopErrors.InvalidProof("The DPoP proof's algorithm is not supported.");

        // Reject a missing or private key, and a signature it did not make (§4.3 steps 6-7).
        var key = jws.Header.TryGetProperty("jwk", out var jwk) ? AsymmetricJwk.Parse(jwk) : null;
        if (key is null)
            return DpopErrors.InvalidProof("The DPoP proof must carry a public jwk.");
        if (!key.Verify(alg, jws.SigningInput, jws.Signature))
            return DpopErrors.InvalidProof("The DPoP proof's signature is invalid.");

        var jti = jws.PayloadText("jti");
        if (string.IsNullOrEmpty(jti) || jti.Length > MaxJtiLength)
            return DpopErrors.InvalidProof("The DPoP proof must carry a jti.");

        // Reject a proof made for another method or URI (§4.3 steps 8-9).
        if (jws.PayloadText("htm") != expected.Method)
            return DpopErrors.InvalidProof("The DPoP proof's htm does not match the request.");
        if (!UriMatches(jws.PayloadText("htu"), expected.Uri))
            return DpopErrors.InvalidProof("The DPoP proof's htu does not match the request.");

        // Reject a proof made too long ago or too far ahead (§4.3 step 11, §11.1).
        if (jws.PayloadTime("iat") is not { } iat || iat < expected.Now - expected.Window || iat > expected.Now + expected.Window)
            return DpopErrors.InvalidProof("The DPoP proof's iat is outside the accepted window.");

        // Reject a proof without a nonce we issued, when nonces are required (§4.3 step 10, §8).
        if (expected.NonceIsValid is { } nonceIsValid && (jws.PayloadText("nonce") is not { } nonce || !nonceIsValid(nonce)))
            return DpopErrors.NonceRequired();

        // Reject a proof not made for the access token it came with (§4.3 step 12).
        if (expected.AccessToken is { } token && !AthMatches(jws.PayloadText("ath"), token))
            return DpopErrors.InvalidProof("The DPoP proof's ath does not match the access token.");

        return new DpopProof(key.Thumbprint, jti, iat + expected.Window);
    }

    /// <summary>The <c>ath</c> of an access token: base64url(SHA-256(ASCII(token))) (RFC 9449 §4.2).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    private static bool AthMatches(string? ath, string token) =>
        ath is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ath), Encoding.ASCII.GetBytes(AccessTokenHash(token)));

    /// <summary>Equal after RFC 3986 §6.2.2-6.2.3 normalization (case of scheme and host, default port), ignoring query and fragment (§4.3 step 9).</summary>
    private static bool UriMatches(string? htu, string expected)
    {
        if (htu is null || !Uri.TryCreate(htu, UriKind.Absolute, out var given) || !Uri.TryCreate(expected, UriKind.Absolute, out var wanted))
            return false;
        return Uri.Compare(given, wanted, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.Ordinal) == 0
            && given.Scheme is "http" or "https";
    }
}
