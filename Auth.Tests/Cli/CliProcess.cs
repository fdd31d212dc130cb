using System.Diagnostics;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Cli;

/// <summary>The outcome of one run of the binary: exit code, stdout, stderr.</summary>
public sealed record CliRun(int Code, string Stdout, string Stderr)
{
    public string FirstErrorLine => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    /// <summary>Stderr's lines that are not logs (the command line's own "error:"/"warning:" lines and usage).</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Code}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs the built binary (<c>dotnet Auth.Api.dll</c>) as an operator's shell would, with a bounded wait.</summary>
public static class CliProcess
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll");

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        // Note: cheap password hashing and no startup retries keep runs short; a test may override either.
        start.Environment["Auth__PasswordHashIterations"] = "1000";
        start.Environment["Auth__Database__StartupWaitSeconds"] = "0";
        start.Environment.Remove("ConnectionStrings__Auth");
        // Note: as on a server, the environment names the key-encryption key (a test may remove it).
        start.Environment[TestKeyEncryption.FileVariable] = TestKeyEncryption.File;
        foreach (var (key, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        if (stdin is not null)
            await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Note: a bound, not a timing assertion: a run that hangs (a server that started by mistake) fails here.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`Auth.Api {string.Join(' ', args)}` did not exit:\n{await stderr}");
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliRun> RunAsync(string? connectionString, string? stdin, params string[] args) =>
        RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__Auth"] = connectionString }, stdin, args);
}
