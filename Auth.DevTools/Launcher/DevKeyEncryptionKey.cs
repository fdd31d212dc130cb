using Auth.Core.Security;

namespace Auth.DevTools.Launcher;

/// <summary>
/// <c>dev</c>'s key-encryption key: a file beside its cluster's data (<see cref="DevCluster.Root"/>), made
/// once, readable by this user only, and kept across restarts so the stored keys stay readable.
/// </summary>
public static class DevKeyEncryptionKey
{
    /// <summary>The file's path, after making the file when there is none yet.</summary>
    public static string EnsureFile()
    {
        var root = DevCluster.Root;
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
        return path;
    }
}
