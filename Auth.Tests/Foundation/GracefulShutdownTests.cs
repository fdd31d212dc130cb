using System.Diagnostics;
using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Foundation;

/// <summary>The real binary, stopped with SIGTERM while requests are in flight.</summary>
public sealed class GracefulShutdownTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Sigterm_FinishesRequestsInFlightThenExitsCleanly()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("shutdown-user", "slow-hash-password");
        var port = Auth.Data.LocalCluster.LocalPostgresCluster.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll"), "--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Auth"] = app.ConnectionString;
        // Note: a hash of about a second, so the requests are surely in flight when the signal comes.
        start.Environment["Auth__PasswordHashIterations"] = "2000000";
        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilReadyAsync(http);

        var inFlight = Enumerable.Range(0, 4).Select(_ => http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create(Parameters.GrantType, GrantTypes.Password),
                KeyValuePair.Create(Parameters.Username, "shutdown-user"),
                KeyValuePair.Create(Parameters.Password, "slow-hash-password")]),
            Headers = { Authorization = AuthApp.Basic(id, secret) },
        })).ToList();
        await Task.Delay(400);
        Process.Start("kill", ["-TERM", server.Id.ToString()])!.WaitForExit();

        var responses = await Task.WhenAll(inFlight);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(exit.Token);
        Assert.Equal(0, server.ExitCode);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(400);
        }
        throw new TimeoutException("The service did not become ready.");
    }
}
