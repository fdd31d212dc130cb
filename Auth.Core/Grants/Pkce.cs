using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Grants;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only: <c>plain</c> is refused (RFC 9700 §2.1.1).</summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>
    /// True for a well-formed S256 challenge: BASE64URL of a SHA-256 hash is always 43 characters
    /// of the base64url alphabet (RFC 7636 §4.2).
    /// </summary>
    public static bool IsWellFormedChallenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>True for a verifier of 43 to 128 unreserved characters (RFC 7636 §4.1).</summary>
    public static bool IsWellFormedVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2).</summary>
    public static string ChallengeOf(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Checks a verifier against a stored S256 challenge in constant time (RFC 7636 §4.6).</summary>
    public static bool Matches(string verifier, string challenge) =>
        IsWellFormedVerifier(verifier)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeOf(verifier)), Encoding.ASCII.GetBytes(challenge));
}
