using System.Net;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

/// <summary>The demo client's callback page exists under <c>dev</c> only.</summary>
public sealed class DemoCallbackTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task DemoCallback_OutsideDev_IsNotMapped()
    {
        var response = await app.CreateClient().GetAsync("/demo/callback?code=abc&state=xyz");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
