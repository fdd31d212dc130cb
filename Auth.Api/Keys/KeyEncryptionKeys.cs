using System.Security.Cryptography;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Data.Keys;

namespace Auth.Api.Keys;

/// <summary>
/// The key-encryption keys of this process (<c>Auth:Keys:*</c>): the current one seals every key
/// written; the current and the previous ones open what is stored, so that during a KEK rotation
/// instances holding both read keys sealed under either. Without a current KEK keys are written in
/// plain text, which only <c>Auth:Keys:AllowPlaintext=true</c> permits.
/// </summary>
public sealed class KeyEncryptionKeys
{
    public const string FileSetting = "Auth:Keys:EncryptionKeyFile";
    public const string PreviousFilesSetting = "Auth:Keys:PreviousEncryptionKeyFiles";
    public const string AllowPlaintextSetting = "Auth:Keys:AllowPlaintext";

    private readonly IReadOnlyDictionary<string, KeyEncryptionKey> _byId;

    public KeyEncryptionKeys(KeyEncryptionKey? current, IReadOnlyList<KeyEncryptionKey> previous)
    {
        Current = current;
        _byId = previous.Prepend(current).OfType<KeyEncryptionKey>().DistinctBy(k => k.Id).ToDictionary(k => k.Id);
    }

    /// <summary>Null when keys are kept in plain text (allowed by <see cref="AllowPlaintextSetting"/>).</summary>
    public KeyEncryptionKey? Current { get; }

    /// <summary>
    /// Reads the key files named by the settings; throws <see cref="InvalidOperationException"/> with a
    /// one-line reason when a file is missing or malformed, or when there is no KEK and plain text is not allowed.
    /// </summary>
    public static KeyEncryptionKeys From(IConfiguration configuration)
    {
        var file = configuration[FileSetting];
        var previous = (configuration[PreviousFilesSetting] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => ReadFile(path, PreviousFilesSetting))
            .ToList();
        if (string.IsNullOrWhiteSpace(file))
        {
            if (previous.Count > 0)
                throw new InvalidOperationException($"{PreviousFilesSetting} is set but {FileSetting} is not: the current key-encryption key is required.");
            if (!configuration.GetValue(AllowPlaintextSetting, false))
                throw new InvalidOperationException(
                    $"No key-encryption key: set {Env(FileSetting)} to a file holding 32 random bytes in base64 (e.g. `openssl rand -base64 32`), or {Env(AllowPlaintextSetting)}=true to keep signing and data-protection keys in plain text.");
            return new KeyEncryptionKeys(null, []);
        }
        return new KeyEncryptionKeys(ReadFile(file, FileSetting), previous);
    }

    /// <summary>One key file: base64 of exactly 32 bytes (surrounding whitespace ignored).</summary>
    public static KeyEncryptionKey ReadFile(string path, string setting)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Env(setting)}: cannot read {path} ({e.GetType().Name}).");
        }
        var bytes = new byte[KeyEncryptionKey.Size + 1];
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length != KeyEncryptionKey.Size)
            throw new InvalidOperationException($"{Env(setting)}: {path} does not hold {KeyEncryptionKey.Size} bytes in base64.");
        return new KeyEncryptionKey(bytes[..KeyEncryptionKey.Size]);
    }

    /// <summary>A ring that seals under <paramref name="next"/> and still opens with every key this one holds (for a re-wrap).</summary>
    public KeyEncryptionKeys WithCurrent(KeyEncryptionKey next) => new(next, [.. _byId.Values]);

    /// <summary>The stored form of a new signing key: sealed under the current KEK, plain only without one.</summary>
    public PrivateKeyAtRest Protect(SigningKey key) => Current is null
        ? PrivateKeyAtRest.Plain(key.ExportPrivateKeyPem())
        : PrivateKeyAtRest.SealedAs(Current.Seal(key.ExportPrivateKeyPem(), SigningKeyPurpose(key.Kid)));

    /// <summary>The signing key of a stored row; throws <see cref="InvalidOperationException"/> when no KEK held here opens it.</summary>
    public SigningKey Open(StoredSigningKey row) => row.PrivateKeySealed is { } sealedKey
        ? SigningKey.FromPem(OpenString(sealedKey, SigningKeyPurpose(row.Kid), $"signing key {row.Kid}"))
        : SigningKey.FromPem(row.PrivateKeyPem!);

    /// <summary>Opens a sealed value with whichever held KEK sealed it; the error names only the value and the KEK id.</summary>
    public string OpenString(string sealedValue, string purpose, string what)
    {
        var id = KeyEncryptionKey.SealedBy(sealedValue)
            ?? throw new InvalidOperationException($"The {what} is not a sealed value.");
        if (!_byId.TryGetValue(id, out var kek))
            throw new InvalidOperationException(
                $"The {what} is sealed under key-encryption key {id}, which this process does not have (see {Env(FileSetting)} and {Env(PreviousFilesSetting)}).");
        try
        {
            return kek.OpenString(sealedValue, purpose);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException($"The {what} does not open under key-encryption key {id}: it was altered.");
        }
    }

    /// <summary>True if a sealed value needs no re-wrap under the current KEK.</summary>
    public bool IsSealedUnderCurrent(string? sealedValue) =>
        Current is not null && sealedValue is not null && KeyEncryptionKey.SealedBy(sealedValue) == Current.Id;

    // Note: binds a sealed private key to its row: a value copied onto another kid does not open.
    public static string SigningKeyPurpose(string kid) => $"auth:signing-key:{kid}";

    /// <summary>For <c>serve</c>: prints the one-line reason and returns false when the keys' settings are unusable.</summary>
    /// <summary>Stops <c>serve</c> with one line when the key-encryption key is missing or unreadable.</summary>
    public static void EnsureServable(IConfiguration configuration)
    {
        try
        {
            From(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new Cli.StartupException(e.Message);
        }
    }

    private static string Env(string setting) => setting.Replace(":", "__");
}
