using System.Security.Cryptography;
using System.Text;

namespace Auth.Core.Security;

/// <summary>
/// SHA-256 for high-entropy values (client secrets, codes, refresh tokens): a slow hash adds
/// nothing to 256 random bits, and the lookup by hash stays an index probe.
/// </summary>
public static class SecretHasher
{
    /// <summary>A hash no input produces in practice, to spend equal time on unknown clients.</summary>
    public static readonly byte[] Unmatchable = new byte[32];

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static bool Matches(string value, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(value), expectedHash);
}
