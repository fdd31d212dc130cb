using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Auth.Api.Keys;

/// <summary>
/// Seals the secret part of each data-protection key (the element ASP.NET Core marks
/// <c>requiresEncryption</c>, holding the <c>masterKey</c>) under the current key-encryption key.
/// The key manager stores the result as <c>&lt;encryptedSecret decryptorType="KekXmlDecryptor"&gt;</c>.
/// </summary>
public sealed class KekXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public const string Purpose = "auth:data-protection-key";
    public static readonly XName SealedElement = XName.Get("sealed", "urn:auth-service:key-encryption");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var kek = keys.Current ?? throw new InvalidOperationException("No key-encryption key to seal a data-protection key with.");
        var sealedValue = kek.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose);
        return new EncryptedXmlInfo(new XElement(SealedElement, sealedValue), typeof(KekXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="KekXmlEncryptor"/> sealed, with any key-encryption key this process holds.</summary>
/// <remarks>Created by the key manager from the type name stored in the key's XML, hence the service-provider constructor.</remarks>
public sealed class KekXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<KeyEncryptionKeys>().OpenString(encryptedElement.Value, KekXmlEncryptor.Purpose, "data-protection key"));
}
