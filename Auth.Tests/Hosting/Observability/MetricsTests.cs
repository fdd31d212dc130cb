using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.Observability;

/// <summary>The scrape, read where a scraper reads it: on the management listener.</summary>
public sealed class MetricsTests(ListeningApp app) : IClassFixture<ListeningApp>
{
    [Fact]
    public async Task Metrics_ExposeOAuthErrorsLockoutsAndRequestLatency()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await app.AddUserAsync("metrics-user", "right-password");
        for (var i = 0; i < 5; i++)
            await TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password),
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
        Assert.Equal(System.Net.HttpStatusCode.OK, await TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials)));

        var text = await PollMetricsAsync($"client_id=\"{id}\"");

        Assert.Contains("auth_tokens_issued_total{", text);
        Assert.Contains($"client_id=\"{id}\"", text);
        Assert.Contains("grant_type=\"client_credentials\"", text);
    }

    private async Task<System.Net.HttpStatusCode> TokenAsync(System.Net.Http.Headers.AuthenticationHeaderValue auth, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(form.Select(p => KeyValuePair.Create(p.Key, p.Value))),
            Headers = { Authorization = auth },
        };
        using var http = app.Public();
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> PollMetricsAsync(string expected)
    {
        // Note: the exporter caches a scrape briefly, so ask again until the counter appears.
        var text = "";
        using var management = app.Management();
        for (var attempt = 0; attempt < 40 && !text.Contains(expected); attempt++)
        {
            text = await management.GetStringAsync("/metrics");
            if (!text.Contains(expected))
                await Task.Delay(250);
        }
        return text;
    }
}
