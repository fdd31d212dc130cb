using System.Diagnostics;

namespace Auth.Tests.Infrastructure;

/// <summary>Runs a server tool to completion, as the <c>postgres</c> OS user when the tests run as root.</summary>
internal static class OsCommand
{
    public static bool IsRoot => Environment.UserName == "root";

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    /// <summary>Runs it and throws with its output unless it exits 0 within two minutes.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> args, bool asPostgres = true)
    {
        using var process = Process.Start(StartInfo(program, args, asPostgres)) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}
