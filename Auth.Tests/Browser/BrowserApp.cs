using System.Net;
using Auth.DevTools.LocalCluster;
using Auth.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Auth.Tests.Browser;

/// <summary>
/// The service on a real Kestrel socket (127.0.0.1, a free port) and Debian's Chromium, headless,
/// driven by Playwright: no browser download, <c>/usr/bin/chromium</c> is used as installed.
/// </summary>
public class BrowserApp : AuthApp, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly int _port = LocalPostgresCluster.FreePort();
    private IPlaywright? _playwright;

    public string BaseUrl => $"http://127.0.0.1:{_port}";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>AUTH_SCREENSHOTS_DIR</c> (the repo's docs/screenshots when refreshing them), else a temp folder.</summary>
    public string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("AUTH_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("auth-screens-").FullName;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("urls", BaseUrl), new(Auth.Api.Authorize.DemoCallback.Setting, "true")];

    // Note: IAsyncLifetime re-implemented, so xunit runs these and AuthApp stays as it is.
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync(int width = 900, int height = 760)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        return await context.NewPageAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = false });
}
