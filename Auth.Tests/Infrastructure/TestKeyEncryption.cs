using Auth.Core.Security;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// The key-encryption key every test host and child process of this test run shares: a temporary
/// file made once per test process, so instances on one database read each other's sealed keys.
/// </summary>
public static class TestKeyEncryption
{
    public const string FileSetting = "Auth:Keys:EncryptionKeyFile";
    public const string FileVariable = "Auth__Keys__EncryptionKeyFile";

    private static readonly Lazy<string> KeyFile = new(() => NewKeyFile(KeyEncryptionKey.Generate()));

    public static string File => KeyFile.Value;

    /// <summary>A new temporary file holding <paramref name="key"/> as an operator's file would.</summary>
    public static string NewKeyFile(KeyEncryptionKey key)
    {
        var path = Path.Combine(Path.GetTempPath(), $"auth-test-kek-{Environment.ProcessId}-{key.Id}");
        System.IO.File.WriteAllText(path, key.ToBase64() + "\n");
        return path;
    }
}
