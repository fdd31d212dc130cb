using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>The real binary, stopped with SIGTERM while requests are in flight.</summary>
public sealed class GracefulShutdownTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Sigterm_FinishesRequestsInFlightThenExitsCleanly()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("shutdown-user", "slow-hash-password");
        // Note: a slow hash keeps the requests in flight after the service counts them active; the host's
        // drain limit is raised from 30 s so a loaded test machine cannot turn slow into aborted.
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString,
            ("Auth__PasswordHashIterations", "1000000"), ("DOTNET_SHUTDOWNTIMEOUTSECONDS", "120"));

        var inFlight = Enumerable.Range(0, 4).Select(_ => server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create(Parameters.GrantType, GrantTypes.Password),
                KeyValuePair.Create(Parameters.Username, "shutdown-user"),
                KeyValuePair.Create(Parameters.Password, "slow-hash-password")]),
            Headers = { Authorization = AuthApp.Basic(id, secret) },
        })).ToList();
        await WaitUntilActiveAsync(server, inFlight.Count);
        server.Terminate();

        var responses = await Task.WhenAll(inFlight);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    /// <summary>Waits until the service itself counts the POSTs as active (ASP.NET Core's <c>http.server.active_requests</c>).</summary>
    private static async Task WaitUntilActiveAsync(ServiceProcess server, int count)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var metrics = await server.Management.GetStringAsync("/metrics");
            var active = metrics.Split('\n')
                .Where(line => line.StartsWith("http_server_active_requests{", StringComparison.Ordinal) && line.Contains("http_request_method=\"POST\""))
                .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            if (active >= count)
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The requests never became active in the service.");
    }
}
