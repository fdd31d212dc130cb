using Auth.Api.Keys;
using Auth.Core.Security;

namespace Auth.Api.Cli;

/// <summary>
/// <c>dev</c>'s key-encryption key: a file beside its cluster's data (<c>AUTH_DEV_DIR</c>), made
/// once, readable by this user only, and kept across restarts so the stored keys stay readable.
/// An operator's own <c>Auth__Keys__*</c> settings win.
/// </summary>
public static class DevKeyEncryptionKey
{
    /// <summary>The server arguments naming the file, or none when the environment already configures the keys.</summary>
    public static string[] Arguments(IConfiguration configuration)
    {
        if (configuration[KeyEncryptionKeys.FileSetting] is { Length: > 0 } || configuration.GetValue(KeyEncryptionKeys.AllowPlaintextSetting, false))
            return [];
        var root = Environment.GetEnvironmentVariable("AUTH_DEV_DIR") ?? "/tmp/auth-dev";
        var path = Path.Combine(root, "key-encryption-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(root);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, options);
            writer.WriteLine(KeyEncryptionKey.Generate().ToBase64());
            Console.Error.WriteLine($"dev: new key-encryption key in {path}");
        }
        return [$"--{KeyEncryptionKeys.FileSetting}={path}"];
    }
}
