using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Security;

/// <summary>
/// An operator's key-encryption key (KEK): 32 random bytes that seal other keys with AES-256-GCM.
/// A sealed value is text, <c>kek1.&lt;id&gt;.&lt;base64url(nonce | ciphertext | tag)&gt;</c>, so it fits a
/// text column and an XML element; the id names the KEK (a truncated hash of it, not the key) so
/// that an instance holding several finds the right one. The purpose is bound as associated data:
/// a value sealed for one row does not open as another's.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int Size = 32;
    private const string Version = "kek1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public KeyEncryptionKey(byte[] key)
    {
        if (key.Length != Size)
            throw new ArgumentException($"A key-encryption key is {Size} bytes.", nameof(key));
        _key = key.ToArray();
        Id = IdOf(_key);
    }

    /// <summary>Names this key in sealed values; 48 bits of a hash, which reveals nothing usable about a 256-bit key.</summary>
    public string Id { get; }

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>The key as the operator's file holds it: base64 of the 32 bytes.</summary>
    public string ToBase64() => Convert.ToBase64String(_key);

    public string Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return $"{Version}.{Id}.{Base64UrlEncoder.Encode(blob)}";
    }

    public string Seal(string plaintext, string purpose) => Seal(Encoding.UTF8.GetBytes(plaintext), purpose);

    /// <summary>The plaintext of a value sealed under this key; throws <see cref="CryptographicException"/> if it was altered or sealed for another purpose.</summary>
    public byte[] Open(string sealedValue, string purpose)
    {
        if (SealedBy(sealedValue) != Id)
            throw new CryptographicException("The value was not sealed under this key-encryption key.");
        byte[] blob;
        try
        {
            blob = Base64UrlEncoder.DecodeBytes(sealedValue[(sealedValue.LastIndexOf('.') + 1)..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The sealed value is malformed.");
        }
        if (blob.Length < NonceSize + TagSize)
            throw new CryptographicException("The sealed value is truncated.");
        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    public string OpenString(string sealedValue, string purpose) => Encoding.UTF8.GetString(Open(sealedValue, purpose));

    /// <summary>The id of the KEK a value was sealed under, or null if it is not a sealed value.</summary>
    public static string? SealedBy(string value)
    {
        var parts = value.Split('.');
        return parts is [Version, { Length: > 0 } id, { Length: > 0 }] ? id : null;
    }

    private static string IdOf(byte[] key) =>
        Base64UrlEncoder.Encode(SHA256.HashData([.. "auth-kek-id:"u8, .. key])[..6]);
}
