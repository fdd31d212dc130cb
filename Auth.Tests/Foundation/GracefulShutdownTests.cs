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
        // Note: a hash of about a second, so the requests are surely in flight when the signal comes.
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString, ("Auth__PasswordHashIterations", "2000000"));

        var inFlight = Enumerable.Range(0, 4).Select(_ => server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create(Parameters.GrantType, GrantTypes.Password),
                KeyValuePair.Create(Parameters.Username, "shutdown-user"),
                KeyValuePair.Create(Parameters.Password, "slow-hash-password")]),
            Headers = { Authorization = AuthApp.Basic(id, secret) },
        })).ToList();
        await Task.Delay(400);
        server.Terminate();

        var responses = await Task.WhenAll(inFlight);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}
