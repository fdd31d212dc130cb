using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

public sealed class MetricsTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Metrics_ExposeOAuthErrorsLockoutsAndRequestLatency()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("metrics-user", "right-password");
        for (var i = 0; i < 5; i++)
            await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password),
                (Parameters.Username, "metrics-user"), (Parameters.Password, "wrong"));

        var text = await PollMetricsAsync("auth_lockouts");

        Assert.Contains("auth_oauth_errors_total{", text);
        Assert.Contains("error=\"invalid_grant\"", text);
        Assert.Contains("endpoint=\"/oauth/token\"", text);
        Assert.Contains("auth_lockouts_total", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task Metrics_CountTokensIssuedPerGrantAndClient()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials));

        var text = await PollMetricsAsync($"client_id=\"{id}\"");

        Assert.Contains("auth_tokens_issued_total{", text);
        Assert.Contains($"client_id=\"{id}\"", text);
        Assert.Contains("grant_type=\"client_credentials\"", text);
    }

    private async Task<string> PollMetricsAsync(string expected)
    {
        // Note: the exporter caches a scrape briefly, so ask again until the counter appears.
        var text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains(expected); attempt++)
        {
            text = await app.CreateClient().GetStringAsync("/metrics");
            if (!text.Contains(expected))
                await Task.Delay(250);
        }
        return text;
    }
}
