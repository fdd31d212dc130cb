using System.Diagnostics;
using System.Net;
using Auth.DevTools.LocalCluster;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>/metrics (client ids and volumes) only on the management listener; health on both; the service only on the public one.</summary>
public sealed class ManagementListenerTests(ListeningApp app) : IClassFixture<ListeningApp>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/METRICS")]
    [InlineData("/metrics/")]
    public async Task Metrics_OnThePublicListener_Answers404(string path)
    {
        using var http = app.Public();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_OnThePublicListener_WithTheManagementHostHeader_StillAnswers404()
    {
        using var http = app.Public();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = new Uri(app.ManagementUrl).Authority;

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_OnTheManagementListener_AnswersTheScrape()
    {
        using var http = app.Management();
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_AnswersOnBothListeners(string path)
    {
        using var management = app.Management();
        using var open = app.Public();
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ServiceRoutes_OnTheManagementListener_Answer404()
    {
        using var management = app.Management();
        using var open = app.Public();
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/.well-known/openid-configuration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.PostAsync("/oauth/token", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task RealBinary_ServesMetricsOnItsManagementPortOnly()
    {
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, (await server.Management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Management.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task RealBinary_ManagementPortEqualToThePublicOne_RefusesToStart()
    {
        var url = $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll"), "--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Auth"] = app.ConnectionString, ["Auth__Management__Urls"] = url, [TestKeyEncryption.FileVariable] = TestKeyEncryption.File },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Auth:Management:Urls", await stderr);
    }
}
