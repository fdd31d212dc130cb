using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Auth.DevTools.Launcher;

/// <summary>What a running <c>dev</c> tells a second one: where it serves and the demo credentials it seeded.</summary>
public sealed record DevState(int Pid, string Issuer, string ConnectionString, string DemoSecret, string AdminSecret, string DemoPassword);

/// <summary>
/// One <c>dev</c> per database: the running one holds an exclusive lock on <c>dev-&lt;id&gt;.lock</c> in the
/// dev folder (released by the OS when it exits, even on a crash) and keeps its state, credentials
/// included, in <c>dev-&lt;id&gt;.json</c> readable only by its user, so a second <c>dev</c> can say how
/// to reach it without re-seeding the secrets the first one printed.
/// </summary>
public sealed class DevInstance : IDisposable
{
    private readonly FileStream _lock;

    private DevInstance(FileStream held) => _lock = held;

    /// <summary>The lock for this database, or null when another <c>dev</c> holds it.</summary>
    public static DevInstance? TryAcquire(string root, string connectionString)
    {
        Directory.CreateDirectory(root);
        var (lockPath, _) = Paths(root, connectionString);
        try
        {
            return new DevInstance(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The saved state for this database (of the running dev, or of the last one), or null.</summary>
    public static DevState? Read(string root, string connectionString) => ReadFile(Paths(root, connectionString).State);

    /// <summary>A <c>dev-&lt;id&gt;.json</c> state file, or null when it is gone, unreadable or not a state.</summary>
    public static DevState? ReadFile(string statePath)
    {
        try
        {
            return JsonSerializer.Deserialize<DevState>(File.ReadAllText(statePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Write(string root, string connectionString, DevState state)
    {
        var (_, statePath) = Paths(root, connectionString);
        var temp = statePath + ".tmp";
        File.WriteAllText(temp, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temp, JsonSerializer.Serialize(state));
        File.Move(temp, statePath, overwrite: true);
    }

    /// <summary>Whether a dev for this database runs (holds the lock) right now.</summary>
    public static bool IsRunning(string root, string connectionString)
    {
        using var probe = TryAcquire(root, connectionString);
        return probe is null;
    }

    /// <summary>Asks the process to stop as SIGTERM does (graceful shutdown); false if it is gone already.</summary>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static (string Lock, string State) Paths(string root, string connectionString)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connectionString)))[..12];
        return (Path.Combine(root, $"dev-{id}.lock"), Path.Combine(root, $"dev-{id}.json"));
    }

    public void Dispose() => _lock.Dispose();
}
