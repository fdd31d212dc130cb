using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Auth.Core.OAuth;
using Auth.DevTools.LocalCluster;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Cli;

/// <summary>
/// <c>perform authorization-code</c> as an operator runs it: it prints the URL to open, a browser signs in
/// and allows, the redirect reaches its loopback listener, and it redeems the code with PKCE at the service.
/// </summary>
public sealed class PerformAuthorizationCodeTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task PerformAuthorizationCode_RedeemsTheCodeTheBrowserBringsBack()
    {
        var redirectUri = $"http://localhost:{LocalPostgresCluster.FreePort()}/callback";
        var client = CodeFlow.Client() with { RedirectUris = [redirectUri] };
        var secret = await app.AddClientAsync(client);
        await app.AddUserAsync("browser-user", "a-fine-password");
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString);

        var start = new ProcessStartInfo("dotnet", [CliProcess.Dll, "perform", "authorization-code", "--issuer", server.Url, "--client-id", client.Id,
            "--client-secret-stdin", "--scope", "profile", "--redirect-uri", redirectUri, "--timeout", "90"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var cli = Process.Start(start)!;
        await cli.StandardInput.WriteLineAsync(secret);
        cli.StandardInput.Close();
        var stdout = cli.StandardOutput.ReadToEndAsync();
        string? url = null;
        while (url is null && await cli.StandardError.ReadLineAsync() is { } line)
            if (line.Trim().StartsWith(server.Url + "/oauth/authorize?", StringComparison.Ordinal))
                url = line.Trim();
        Assert.NotNull(url);

        // The browser: sign in and allow on the service's pages, then follow the redirect to the loopback listener.
        var query = new Uri(url).Query;
        var flow = new CodeFlow(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await flow.SignInAsync(query, "browser-user", "a-fine-password")).StatusCode);
        var allowed = await flow.DecideAsync(query, "allow");
        Assert.StartsWith(redirectUri + "?", allowed.Headers.Location!.ToString());
        using var browser = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(allowed.Headers.Location)).StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await cli.WaitForExitAsync(timeout.Token);
        var tokens = JsonDocument.Parse(await stdout).RootElement;
        Assert.True(cli.ExitCode == 0, await cli.StandardError.ReadToEndAsync());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access_token").GetString()));
        Assert.Equal("profile", tokens.GetProperty(Parameters.Scope).GetString());
    }
}
