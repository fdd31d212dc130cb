using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Dpop;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8): the issue time, sealed with the data-protection key ring
/// that every instance shares, so a nonce from one instance is good on all of them with no lookup.
/// Each instance hands out the same nonce for a while, then a fresh one; old ones stay good for
/// <see cref="FinancialGradeOptions.NonceLifetime"/>.
/// </summary>
public sealed class DpopNonces(IDataProtectionProvider protection, FinancialGradeOptions options, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Auth.Dpop.Nonce.v1");
    private (string Nonce, DateTimeOffset IssuedAt) _current;

    /// <summary>The nonce to send in <c>DPoP-Nonce</c> now.</summary>
    public string Current()
    {
        var now = clock.GetUtcNow();
        var current = _current;
        if (current.Nonce is not null && now - current.IssuedAt < options.NonceLifetime / 4 && now >= current.IssuedAt)
            return current.Nonce;
        var stamp = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(stamp, now.ToUnixTimeSeconds());
        var nonce = Base64UrlEncoder.Encode(_protector.Protect(stamp));
        _current = (nonce, now);
        return nonce;
    }

    /// <summary>True for a nonce sealed by this service's key ring within the nonce lifetime.</summary>
    public bool IsValid(string nonce)
    {
        if (nonce.Length > 512)
            return false;
        byte[] stamp;
        try
        {
            stamp = _protector.Unprotect(Base64UrlEncoder.DecodeBytes(nonce));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }
        if (stamp.Length != 8)
            return false;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(stamp));
        var now = clock.GetUtcNow();
        return issuedAt <= now + TimeSpan.FromSeconds(5) && now - issuedAt <= options.NonceLifetime;
    }
}
