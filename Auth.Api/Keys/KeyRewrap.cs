using Auth.Api.Cli;
using Auth.Data.DataProtection;
using Auth.Data.Keys;

namespace Auth.Api.Keys;

/// <summary>
/// <c>keys rewrap --new-key-file PATH</c>: seals every stored key (signing keys, retired ones
/// included, and the data-protection key ring) under a new key-encryption key, opening them with
/// the KEKs of this process's settings. Without downtime when every instance already holds the new
/// KEK as <c>EncryptionKeyFile</c> and the old one in <c>PreviousEncryptionKeyFiles</c>; afterwards
/// the old one can be dropped. Running it twice changes nothing the second time.
/// </summary>
public static class KeyRewrap
{
    public static async Task<object> RunAsync(string newKeyFile)
    {
        var next = KeyEncryptionKeys.ReadFile(newKeyFile, "--new-key-file");
        await using var services = CliServices.Create();
        var opener = services.GetRequiredService<KeyEncryptionKeys>().WithCurrent(next);
        var sealer = new KeySealer(
            services.GetRequiredService<SigningKeyStore>(), services.GetRequiredService<DataProtectionKeyStore>(),
            services.GetRequiredService<ILogger<KeySealer>>());
        var counts = await sealer.SealAsync(opener, next, reseal: true);
        if (counts.ChangedMeanwhile > 0)
            throw new CliRefusal($"{counts.ChangedMeanwhile} key(s) changed while re-wrapping: run keys rewrap again.");
        return new { keyEncryptionKey = next.Id, signingKeys = counts.SigningKeys, dataProtectionKeys = counts.DataProtectionKeys };
    }
}
