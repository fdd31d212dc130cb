using Auth.Core.OAuth;
using Auth.Tests.Admin;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.Observability;

/// <summary>Every flow once, then a grep of everything the service logged for every secret it handled.</summary>
public sealed class FullRunLogTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Logs_OfEveryFlow_HoldNoSecretTokenPasswordOrCode()
    {
        var secrets = new List<string>();

        // Password grant, refresh, introspection and revocation.
        var signIn = await app.SignInAsync();
        secrets.AddRange([signIn.ClientSecret, signIn.AccessToken, signIn.RefreshToken, "correct horse battery staple"]);
        var refreshed = await AuthApp.JsonAsync(await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken));
        secrets.Add(refreshed.GetProperty("refresh_token").GetString()!);
        await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken);
        await app.IntrospectAsync(signIn.ClientAuth, refreshed.GetProperty("access_token").GetString()!);
        await app.RevokeAsync(signIn.ClientAuth, refreshed.GetProperty("access_token").GetString()!);
        await app.PostFormAsync($"/introspect?token={signIn.AccessToken}", [], signIn.ClientAuth);

        // Authorization code with PKCE, and a replay of the code.
        var client = CodeFlow.Client();
        var clientSecret = await app.AddClientAsync(client);
        await app.AddUserAsync("log-run-user", "another secret phrase");
        var (verifier, challenge) = CodeFlow.NewPkce();
        var query = CodeFlow.Query(client.Id, challenge: challenge);
        var code = await new CodeFlow(app).CodeAsync(query, "log-run-user", "another secret phrase");
        var exchange = new (string, string)[]
        {
            (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code),
            (Parameters.RedirectUri, CodeFlow.RedirectUri), (Parameters.CodeVerifier, verifier),
        };
        var codeTokens = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(client.Id, clientSecret!), exchange));
        await app.TokenAsync(AuthApp.Basic(client.Id, clientSecret!), exchange);
        secrets.AddRange([clientSecret!, "another secret phrase", code, verifier, codeTokens.GetProperty("access_token").GetString()!]);

        // Operator API: a client created and its secret rotated.
        var admin = await app.AdminHttpAsync();
        var created = await admin.AddAsync(AdminApi.MachineClient("log-run-machine"));
        secrets.Add(created.GetProperty("clientSecret").GetString()!);
        var rotated = await AuthApp.JsonAsync(await admin.PostAsync("/api/v1/auth/client/log-run-machine/secret", null));
        secrets.Add(rotated.GetProperty("data").GetProperty("clientSecret").GetString()!);

        var logs = string.Join('\n', app.Logs.Lines);
        Assert.Contains("/oauth/token", logs);
        Assert.Contains("reuse", logs, StringComparison.OrdinalIgnoreCase);
        foreach (var secret in secrets.Where(s => s.Length >= 8))
        {
            Assert.DoesNotContain(secret, logs);
            if (secret.Count(c => c == '.') == 2)
                Assert.DoesNotContain(secret.Split('.')[2], logs);
        }
    }
}
