using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Auth.DevTools.LocalCluster;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Cli;

/// <summary>
/// <c>dev</c> on the fixture's database (ConnectionStrings__Auth set, so no cluster of its own) with its
/// own dev folder: a second dev finds the first and leaves its secrets alone, <c>--reset</c> re-seeds on
/// purpose, <c>dev stop</c> ends it, and the banner's commands run as pasted.
/// </summary>
public sealed partial class DevCommandTests(AuthApp app) : IClassFixture<AuthApp>, IDisposable
{
    private readonly string _devDir = Directory.CreateTempSubdirectory("auth-dev-test-").FullName;

    private Dictionary<string, string?> Environment => new()
    {
        ["ConnectionStrings__Auth"] = app.ConnectionString,
        ["AUTH_DEV_DIR"] = _devDir,
        // Note: the fixture's database holds keys sealed under the test processes' key-encryption key.
        [TestKeyEncryption.FileVariable] = TestKeyEncryption.File,
    };

    [Fact]
    public async Task DevTwice_TheSecondPointsToTheFirstAndKeepsItsSecrets_ThenStopEndsIt()
    {
        await using var first = await DevProcess.StartAsync(Environment);

        var second = await CliProcess.RunAsync(Environment, null, "dev", "--urls", $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}");

        Assert.True(second.Code == 0, second.ToString());
        Assert.Contains($"dev: already running at {first.Url}", second.Stderr);
        Assert.Equal(first.DemoSecret, DemoSecret(second.Stdout));
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(first.Url, first.AdminSecret)).StatusCode);

        var stop = await CliProcess.RunAsync(Environment, null, "dev", "stop");

        Assert.True(stop.Code == 0, stop.ToString());
        Assert.Equal(0, await first.WaitForExitAsync());
    }

    [Fact]
    public async Task DevBanner_CommandsRunAsPasted()
    {
        await using var dev = await DevProcess.StartAsync(Environment);
        var lines = dev.Banner.Split('\n').Select(l => l.Trim()).ToList();
        var script = string.Join("\n", lines.First(l => l.StartsWith("ACCESS_TOKEN=$(curl", StringComparison.Ordinal)),
            lines.First(l => l.StartsWith("curl -s -H \"Authorization: Bearer $ACCESS_TOKEN\"", StringComparison.Ordinal)));

        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true })!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.Contains("\"status\":\"ok\"", output);
        // One readable line per event: the simple formatter's indented second line would start with spaces.
        var logLines = dev.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(logLines, l => l.Contains(" info: Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        Assert.DoesNotContain(logLines, l => l.StartsWith("      ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevReset_WhileRunning_ReseedsTheSecrets()
    {
        await using var dev = await DevProcess.StartAsync(Environment);

        var reset = await CliProcess.RunAsync(Environment, null, "dev", "--reset");

        Assert.True(reset.Code == 0, reset.ToString());
        var newAdmin = AdminSecret(reset.Stdout);
        Assert.NotEqual(dev.AdminSecret, newAdmin);
        // Note: a bound, not a timing assertion: the running instance hears of the change through LISTEN/NOTIFY.
        for (var i = 0; i < 100 && (await ClientCredentialsAsync(dev.Url, newAdmin)).StatusCode != HttpStatusCode.OK; i++)
            await Task.Delay(100);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(dev.Url, newAdmin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientCredentialsAsync(dev.Url, dev.AdminSecret)).StatusCode);
    }

    private static async Task<HttpResponseMessage> ClientCredentialsAsync(string url, string adminSecret)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"demo-admin:{adminSecret}")));
        return await http.SendAsync(request);
    }

    // Note: the banner lines bench/lib.sh reads; these patterns are the same contract.
    private static string DemoSecret(string banner) => DemoClientLine().Match(banner).Groups[1].Value;
    private static string AdminSecret(string banner) => AdminClientLine().Match(banner).Groups[1].Value;

    [GeneratedRegex(@"demo client : demo-client / (\S+)")]
    private static partial Regex DemoClientLine();

    [GeneratedRegex(@"admin client: demo-admin / (\S+)")]
    private static partial Regex AdminClientLine();

    public void Dispose() => Directory.Delete(_devDir, recursive: true);

    /// <summary>A running <c>dev</c>: its URL and the banner it printed.</summary>
    private sealed class DevProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        private DevProcess(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }
        public string Banner { get { lock (_stdout) return _stdout.ToString(); } }
        public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
        public string DemoSecret => DevCommandTests.DemoSecret(Banner);
        public string AdminSecret => DevCommandTests.AdminSecret(Banner);

        public static async Task<DevProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
        {
            var url = $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";
            var start = new ProcessStartInfo("dotnet", [CliProcess.Dll, "dev", "--urls", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["Auth__PasswordHashIterations"] = "1000";
            foreach (var (key, value) in environment)
                start.Environment[key] = value;
            var dev = new DevProcess(Process.Start(start)!, url);
            dev._process.OutputDataReceived += (_, e) => { lock (dev._stdout) dev._stdout.AppendLine(e.Data); };
            dev._process.ErrorDataReceived += (_, e) => { lock (dev._stderr) dev._stderr.AppendLine(e.Data); };
            dev._process.BeginOutputReadLine();
            dev._process.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            // Note: a bound, not a timing assertion: a loaded machine may take a while to start a process.
            for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !dev._process.HasExited; await Task.Delay(100))
            {
                try
                {
                    if ((await http.GetAsync("/readyz")).IsSuccessStatusCode && dev.AdminSecret.Length > 0)
                        return dev;
                }
                catch (HttpRequestException)
                {
                }
            }
            string stderr;
            lock (dev._stderr)
                stderr = dev._stderr.ToString();
            await dev.DisposeAsync();
            throw new TimeoutException($"dev did not become ready:\n{stderr}");
        }

        public async Task<int> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
