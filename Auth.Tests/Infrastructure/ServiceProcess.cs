using System.Diagnostics;
using System.Net;
using System.Text;

namespace Auth.Tests.Infrastructure;

/// <summary>The real binary as an operator runs it: its own process on a free port, stderr kept.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServiceProcess(Process process, string url, string managementUrl)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url) };
        Management = new HttpClient { BaseAddress = new Uri(managementUrl) };
    }

    public string Url { get; }
    public HttpClient Http { get; }
    /// <summary>The management listener (<c>/metrics</c>), on a free port of its own unless the test sets one.</summary>
    public HttpClient Management { get; }
    public int Id => _process.Id;
    public Process Process => _process;

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static async Task<ServiceProcess> StartAsync(string connectionString, params (string Key, string Value)[] environment)
    {
        var url = $"http://127.0.0.1:{Auth.DevTools.LocalCluster.LocalPostgresCluster.FreePort()}";
        var managementUrl = $"http://127.0.0.1:{Auth.DevTools.LocalCluster.LocalPostgresCluster.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll"), "--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Auth"] = connectionString;
        start.Environment[TestKeyEncryption.FileVariable] = TestKeyEncryption.File;
        start.Environment["Auth__Management__Urls"] = managementUrl;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var service = new ServiceProcess(Process.Start(start)!, url, start.Environment["Auth__Management__Urls"] is { Length: > 0 } chosen ? chosen : managementUrl);
        service._process.ErrorDataReceived += (_, e) => { lock (service._stderr) service._stderr.AppendLine(e.Data); };
        service._process.BeginErrorReadLine();
        _ = service._process.StandardOutput.ReadToEndAsync();
        try
        {
            await service.WaitUntilReadyAsync();
        }
        catch
        {
            // Note: a service that never became ready is stopped here; no one else holds it to dispose.
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping the instance does.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private async Task WaitUntilReadyAsync()
    {
        // Note: a bound, not a timing assertion: a shared test machine under load may take a minute to start a process.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The service did not become ready:\n{Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
        Management.Dispose();
    }
}
