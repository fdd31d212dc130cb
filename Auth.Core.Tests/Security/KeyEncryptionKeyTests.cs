using System.Security.Cryptography;
using Auth.Core.Security;

namespace Auth.Core.Tests.Security;

public sealed class KeyEncryptionKeyTests
{
    [Fact]
    public void Sealed_OpensUnderTheSameKeyAndPurpose_AndNamesTheKey()
    {
        var kek = KeyEncryptionKey.Generate();

        var sealedValue = kek.Seal("-----BEGIN PRIVATE KEY-----", "row-1");

        Assert.Equal(kek.Id, KeyEncryptionKey.SealedBy(sealedValue));
        Assert.DoesNotContain("PRIVATE", sealedValue);
        Assert.Equal("-----BEGIN PRIVATE KEY-----", kek.OpenString(sealedValue, "row-1"));
    }

    [Fact]
    public void Sealed_DoesNotOpenForAnotherPurpose_AnotherKey_OrWhenAltered()
    {
        var kek = KeyEncryptionKey.Generate();
        var sealedValue = kek.Seal("secret", "row-1");
        var at = sealedValue.Length - 10;
        var altered = sealedValue[..at] + (sealedValue[at] == 'A' ? 'B' : 'A') + sealedValue[(at + 1)..];

        Assert.ThrowsAny<CryptographicException>(() => kek.Open(sealedValue, "row-2"));
        Assert.ThrowsAny<CryptographicException>(() => KeyEncryptionKey.Generate().Open(sealedValue, "row-1"));
        Assert.ThrowsAny<CryptographicException>(() => kek.Open(altered, "row-1"));
        Assert.ThrowsAny<CryptographicException>(() => kek.Open(sealedValue[..^1], "row-1"));
    }

    [Fact]
    public void SealedBy_OfAPlainValue_IsNull()
    {
        Assert.Null(KeyEncryptionKey.SealedBy("-----BEGIN PRIVATE KEY-----\nMIIE..."));
        Assert.Null(KeyEncryptionKey.SealedBy("<key id=\"1\" />"));
    }
}
