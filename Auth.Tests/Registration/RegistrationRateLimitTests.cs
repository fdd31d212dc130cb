using System.Net;
using System.Net.Http.Json;
using Auth.Tests.Admin;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Registration;

public sealed class RegistrationRateLimitTests(LimitedRegistrationApp app) : IClassFixture<LimitedRegistrationApp>
{
    [Fact]
    public async Task Register_BeyondTheLimit_Answers429WithRetryAfter_AndStoresNothing()
    {
        var http = app.CreateClient();
        for (var i = 0; i < LimitedRegistrationApp.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(RegistrationBodies.Path, RegistrationBodies.DocumentExample())).StatusCode);
        var admin = await app.AdminHttpAsync();

        var refused = await http.PostAsJsonAsync(RegistrationBodies.Path, RegistrationBodies.DocumentExample());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var total = (await AuthApp.JsonAsync(await admin.GetAsync("/api/v1/auth/client?clientName=My Trading App")))
            .GetProperty("data").GetProperty("total").GetInt64();
        Assert.Equal(LimitedRegistrationApp.Limit, total);
    }
}
