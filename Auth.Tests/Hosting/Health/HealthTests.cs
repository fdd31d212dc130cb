using System.Net;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.Health;

public sealed class HealthTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Healthz_WhenProcessIsUp_Answers200()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithDatabaseReachable_Answers200()
    {
        var response = await app.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
