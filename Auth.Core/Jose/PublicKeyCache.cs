using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Auth.Core.Jose;

/// <summary>
/// Imported public keys by RFC 7638 thumbprint. Importing a key into OpenSSL (with its validity check)
/// costs several times one ES256 verification, and a DPoP client signs every proof with the same key,
/// so each key is imported once. Bounded: when full it starts over, so keys that arrive once each
/// (an attacker's) cannot grow it; a dropped key is freed by its finalizer, never while in use.
/// </summary>
internal static class PublicKeyCache
{
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<string, AsymmetricAlgorithm> Keys = new(StringComparer.Ordinal);

    /// <summary>The key for <paramref name="thumbprint"/>, imported by <paramref name="import"/> the first time; null if it does not import.</summary>
    public static AsymmetricAlgorithm? GetOrImport(string thumbprint, Func<AsymmetricAlgorithm> import)
    {
        if (Keys.TryGetValue(thumbprint, out var cached))
            return cached;
        AsymmetricAlgorithm key;
        try
        {
            key = import();
        }
        catch (CryptographicException)
        {
            return null;
        }
        if (Keys.Count >= Capacity)
            Keys.Clear();
        return Keys.GetOrAdd(thumbprint, key);
    }
}
