using System.Xml.Linq;
using Auth.Core.Security;
using Auth.Data.DataProtection;
using Auth.Data.Keys;

namespace Auth.Api.Keys;

/// <summary>What one pass of <see cref="KeySealer"/> rewrote, and how many rows another process changed first.</summary>
public sealed record SealCounts(int SigningKeys, int DataProtectionKeys, int ChangedMeanwhile);

/// <summary>
/// Brings the stored keys (signing keys and the data-protection key ring) under one key-encryption
/// key: plain keys are sealed; with <c>reseal</c>, keys sealed under another KEK are opened and sealed
/// again (the re-wrap of a KEK rotation). Each row is replaced only if unchanged since it was read,
/// so instances starting at once, or a start during a re-wrap, never overwrite each other.
/// </summary>
public sealed class KeySealer(SigningKeyStore signingKeys, DataProtectionKeyStore dataProtectionKeys, ILogger<KeySealer> logger)
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    /// <summary>At start: seals every plain key under the current KEK, if there is one. Keys sealed under a previous KEK stay as they are.</summary>
    public async Task SealPlainKeysAsync(KeyEncryptionKeys keys)
    {
        if (keys.Current is not { } current)
            return;
        var counts = await SealAsync(keys, current, reseal: false);
        if (counts.SigningKeys + counts.DataProtectionKeys > 0)
            logger.LogInformation("Sealed {SigningKeys} plain signing key(s) and {DataProtectionKeys} data-protection key(s) under key-encryption key {KekId}",
                counts.SigningKeys, counts.DataProtectionKeys, current.Id);
    }

    /// <summary>One pass over every stored key; <paramref name="opener"/> must hold every KEK a stored key is sealed under.</summary>
    public async Task<SealCounts> SealAsync(KeyEncryptionKeys opener, KeyEncryptionKey target, bool reseal)
    {
        int signing = 0, dataProtection = 0, conflicts = 0;
        foreach (var row in await signingKeys.LoadAllAsync())
        {
            if (Rewrite(row, opener, target, reseal) is not { } replacement)
                continue;
            if (await signingKeys.ReplacePrivateKeyAsync(row.Kid, row.PrivateKey, replacement))
                signing++;
            else
                conflicts++;
        }
        foreach (var row in await dataProtectionKeys.LoadAllAsync())
        {
            if (Rewrite(XElement.Parse(row.Xml), opener, target, reseal) is not { } replacement)
                continue;
            if (await dataProtectionKeys.ReplaceAsync(row.FriendlyName, row.Xml, replacement))
                dataProtection++;
            else
                conflicts++;
        }
        return new SealCounts(signing, dataProtection, conflicts);
    }

    private static PrivateKeyAtRest? Rewrite(StoredSigningKey row, KeyEncryptionKeys opener, KeyEncryptionKey target, bool reseal)
    {
        var purpose = KeyEncryptionKeys.SigningKeyPurpose(row.Kid);
        if (row.PrivateKeySealed is null)
            return PrivateKeyAtRest.SealedAs(target.Seal(row.PrivateKeyPem!, purpose));
        if (!reseal || KeyEncryptionKey.SealedBy(row.PrivateKeySealed) == target.Id)
            return null;
        return PrivateKeyAtRest.SealedAs(target.Seal(opener.OpenString(row.PrivateKeySealed, purpose, $"signing key {row.Kid}"), purpose));
    }

    /// <summary>The key's XML with its secrets sealed under <paramref name="target"/>, or null if nothing changes.</summary>
    private static XElement? Rewrite(XElement key, KeyEncryptionKeys opener, KeyEncryptionKey target, bool reseal)
    {
        var changed = false;
        // Note: as ASP.NET Core's key manager does with an encryptor: the marked element is replaced by
        // <encryptedSecret decryptorType="..."> around what the encryptor returns.
        while (key.Descendants().FirstOrDefault(e => (bool?)e.Attribute(RequiresEncryption) == true) is { } plain)
        {
            plain.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", typeof(KekXmlDecryptor).AssemblyQualifiedName!),
                new XElement(KekXmlEncryptor.SealedElement, target.Seal(plain.ToString(SaveOptions.DisableFormatting), KekXmlEncryptor.Purpose))));
            changed = true;
        }
        if (reseal)
        {
            foreach (var sealedSecret in key.Descendants(KekXmlEncryptor.SealedElement).Where(e => KeyEncryptionKey.SealedBy(e.Value) != target.Id).ToList())
            {
                sealedSecret.Value = target.Seal(opener.OpenString(sealedSecret.Value, KekXmlEncryptor.Purpose, "data-protection key"), KekXmlEncryptor.Purpose);
                changed = true;
            }
        }
        return changed ? key : null;
    }
}
