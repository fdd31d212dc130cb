using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Security;

/// <summary>Opaque random values: 256 bits, base64url, safe in forms, URLs and headers.</summary>
public static class RandomTokens
{
    public static string New() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
