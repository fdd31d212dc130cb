using System.Diagnostics;

namespace Auth.DevTools.LocalCluster;

/// <summary>
/// Runs a program to completion, as the <c>postgres</c> OS user when we are root (initdb refuses root):
/// the local cluster's server tools, and the test fixtures' (pg_basebackup, PgBouncer).
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The start of <paramref name="program"/> with its output read back, through <c>runuser</c> when it must run as postgres.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, bool asPostgres, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(program, args, asPostgres)) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Runs it and throws with its output unless it exits 0 within <paramref name="timeout"/> (default two minutes).</summary>
    public static async Task RunCheckedAsync(string program, IEnumerable<string> args, bool asPostgres = true, TimeSpan? timeout = null)
    {
        var (code, output) = await RunAsync(program, args, asPostgres, timeout ?? DefaultTimeout);
        if (code != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({code}): {output.Trim()}");
    }
}
