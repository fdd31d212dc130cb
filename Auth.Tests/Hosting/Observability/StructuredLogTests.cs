using System.Text.Json;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.Observability;

/// <summary>What an operator's log shipper receives from the real binary on stderr.</summary>
public sealed class StructuredLogTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Logs_AreJsonLinesWithTheRequestIdAndNoQueryString()
    {
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString);

        await server.Http.PostAsync("/introspect?token=query-secret-value", new FormUrlEncodedContent([]));
        server.Terminate();
        await server.WaitForExitAsync();

        var lines = server.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => JsonDocument.Parse(line));
        var request = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("Category").GetString() == "Auth.Api.Hosting.RequestLogMiddleware"
                && e.GetProperty("State").GetProperty("Path").GetString() == "/introspect");
        Assert.Equal(401, request.GetProperty("State").GetProperty("Status").GetInt32());
        Assert.Contains(request.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("RequestId", out _));
        Assert.DoesNotContain("query-secret-value", server.Stderr);
    }
}
