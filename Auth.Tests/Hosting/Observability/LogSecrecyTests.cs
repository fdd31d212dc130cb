using System.Net.Http.Headers;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.Observability;

public sealed class LogSecrecyTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Logs_OfAFullRun_HoldNoSecretPasswordOrToken()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        const string password = "pa55word-that-must-not-leak";
        await app.AddUserAsync("log-user", password);

        var issued = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, "log-user"), (Parameters.Password, password)));
        await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.Password),
            (Parameters.Username, "log-user"), (Parameters.Password, password + "-wrong"));
        await app.PostFormAsync($"/oauth/token?client_secret={secret}&password={password}", [KeyValuePair.Create("grant_type", "client_credentials")]);
        var accessToken = issued.GetProperty("access_token").GetString()!;
        var refreshToken = issued.GetProperty("refresh_token").GetString()!;
        using var ping = new HttpRequestMessage(HttpMethod.Get, $"/api/system/ping?access_token={accessToken}");
        ping.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        await app.CreateClient().SendAsync(ping);

        var logs = string.Join('\n', app.Logs.Lines);
        Assert.Contains("/oauth/token", logs);
        foreach (var secretValue in new[] { secret, password, accessToken, accessToken.Split('.')[2], refreshToken })
            Assert.DoesNotContain(secretValue, logs);
    }
}
