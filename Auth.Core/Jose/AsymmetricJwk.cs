using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Jose;

/// <summary>
/// A public EC (P-256) or RSA key given as a JWK (RFC 7517), able to check the signatures of
/// ES256, RS256 and PS256 (RFC 7518 §3) and to name itself by its RFC 7638 thumbprint.
/// </summary>
public sealed class AsymmetricJwk
{
    public const string ES256 = "ES256";
    public const string RS256 = "RS256";
    public const string PS256 = "PS256";

    /// <summary>The algorithms we accept for DPoP proofs and client assertions: asymmetric only, never <c>none</c> or HMAC.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [ES256, PS256, RS256];

    private const int MinRsaBits = 2048;
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private readonly AsymmetricAlgorithm _key;

    public string KeyType { get; }
    public string? KeyId { get; }
    /// <summary>The JWK SHA-256 thumbprint (RFC 7638 §3), base64url: the <c>jkt</c> of RFC 9449 §6.1.</summary>
    public string Thumbprint { get; }

    private AsymmetricJwk(string kty, string? kid, string thumbprint, AsymmetricAlgorithm key)
    {
        KeyType = kty;
        KeyId = kid;
        Thumbprint = thumbprint;
        _key = key;
    }

    /// <summary>The key a JWK object describes, or null if it is not a usable public EC P-256 or RSA key.</summary>
    public static AsymmetricJwk? Parse(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
            return null;
        // Reject private keys: a proof or a registration carrying one has already leaked it.
        foreach (var member in PrivateMembers)
        {
            if (jwk.TryGetProperty(member, out _))
                return null;
        }
        var kid = Text(jwk, "kid");
        switch (Text(jwk, "kty"))
        {
            case "EC":
            {
                if (Text(jwk, "crv") != "P-256")
                    return null;
                var (x, y) = (Bytes(jwk, "x"), Bytes(jwk, "y"));
                if (x is not { Length: 32 } || y is not { Length: 32 })
                    return null;
                // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
                var thumbprint = Hash($$"""{"crv":"P-256","kty":"EC","x":"{{Base64UrlEncoder.Encode(x)}}","y":"{{Base64UrlEncoder.Encode(y)}}"}""");
                // The import refuses a point that is not on the curve.
                var ec = PublicKeyCache.GetOrImport(thumbprint, () =>
                    ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } }));
                return ec is null ? null : new AsymmetricJwk("EC", kid, thumbprint, ec);
            }
            case "RSA":
            {
                var (n, e) = (Bytes(jwk, "n"), Bytes(jwk, "e"));
                if (n is null || e is null || e.Length is 0 or > 8 || n.Length * 8 < MinRsaBits || n.Length > 1024 || n[0] == 0)
                    return null;
                var thumbprint = Hash($$"""{"e":"{{Base64UrlEncoder.Encode(e)}}","kty":"RSA","n":"{{Base64UrlEncoder.Encode(n)}}"}""");
                var rsa = PublicKeyCache.GetOrImport(thumbprint, () => RSA.Create(new RSAParameters { Modulus = n, Exponent = e }));
                return rsa is null ? null : new AsymmetricJwk("RSA", kid, thumbprint, rsa);
            }
            default:
                return null;
        }
    }

    /// <summary>True if this key can sign with <paramref name="alg"/>.</summary>
    public bool Supports(string alg) => alg switch
    {
        ES256 => KeyType == "EC",
        RS256 or PS256 => KeyType == "RSA",
        _ => false,
    };

    /// <summary>Checks a JWS signature (RFC 7515 §5.2) over <paramref name="signingInput"/> made with <paramref name="alg"/>.</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Supports(alg))
            return false;
        // RFC 7518 §3.4: R || S, 32 bytes each (IEEE P1363, the .NET default).
        if (alg == ES256 && signature.Length != 64)
            return false;
        try
        {
            // Note: shared between requests without a lock. On Linux a verification only reads the
            // key: .NET's OpenSSL shim makes a fresh EVP_PKEY_CTX for each call.
            return _key is ECDsa ec
                ? ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256)
                : ((RSA)_key).VerifyData(signingInput, signature, HashAlgorithmName.SHA256, alg == PS256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Hash(string canonical) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[]? Bytes(JsonElement o, string name)
    {
        var text = Text(o, name);
        if (string.IsNullOrEmpty(text) || text.Length > 2048 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return null;
        try
        {
            return Base64UrlEncoder.DecodeBytes(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
