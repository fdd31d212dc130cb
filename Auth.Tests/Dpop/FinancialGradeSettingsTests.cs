using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Admin;
using Auth.Tests.Infrastructure;
using static Auth.Tests.Infrastructure.FapiClients;

namespace Auth.Tests.Dpop;

/// <summary>Registering keys and requirements: the admin API's clientSettings and the CLI's flags.</summary>
public sealed class FinancialGradeSettingsTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task AdminApi_ClientWithAJwkSet_AuthenticatesWithPrivateKeyJwt_AndHasNoSecret()
    {
        var http = await app.AdminHttpAsync();
        var key = TestKey.Es256();
        var id = $"adm-{Guid.NewGuid():N}"[..18];

        var data = await http.AddAsync(new
        {
            clientId = id,
            authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            clientAuthenticationMethods = new[] { ClientAuthMethods.PrivateKeyJwt },
            scopes = new[] { "trade" },
            clientSettings = new Dictionary<string, object>
            {
                [FinancialGradeSettings.JwkSetKey] = key.Jwks(),
                [FinancialGradeSettings.RequireDpopKey] = true,
            },
        });

        Assert.False(data.TryGetProperty("clientSecret", out var secret) && secret.ValueKind != JsonValueKind.Null);
        Assert.True(data.GetProperty("clientSettings").GetProperty(FinancialGradeSettings.RequireDpopKey).GetBoolean());
        var token = await app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.ClientCredentials))
            .WithAssertion(key.Assertion(id, AuthApp.Issuer, app.Clock.GetUtcNow())), key.Proof("POST", TokenUri, app.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task AdminApi_RefusesAPrivateKey_ABadProfile_AndPrivateKeyJwtWithoutKeys()
    {
        var http = await app.AdminHttpAsync();
        var privateJwk = new Dictionary<string, object>(TestKey.Es256().PublicMembers()) { ["d"] = "c2VjcmV0" };

        var leaked = await http.PostAsJsonAsync("/api/v1/auth/client", new
        {
            clientId = $"bad-{Guid.NewGuid():N}"[..18],
            authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            clientSettings = new Dictionary<string, object>
            {
                [FinancialGradeSettings.JwkSetKey] = new { keys = new[] { privateJwk } },
                [FinancialGradeSettings.ProfileKey] = "fapi1",
                [FinancialGradeSettings.RequireParKey] = "yes",
            },
        });
        var keyless = await http.PostAsJsonAsync("/api/v1/auth/client", new
        {
            clientId = $"bad-{Guid.NewGuid():N}"[..18],
            authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            clientAuthenticationMethods = new[] { ClientAuthMethods.PrivateKeyJwt },
        });

        Assert.Equal(HttpStatusCode.BadRequest, leaked.StatusCode);
        var errors = (await AuthApp.JsonAsync(leaked)).GetProperty("ext").GetProperty("errors");
        foreach (var key in new[] { FinancialGradeSettings.JwkSetKey, FinancialGradeSettings.ProfileKey, FinancialGradeSettings.RequireParKey })
            Assert.True(errors.TryGetProperty($"clientSettings.{key}", out _), $"{key} missing in {errors}");
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.True((await AuthApp.JsonAsync(keyless)).GetProperty("ext").GetProperty("errors").TryGetProperty("clientSettings", out _));
    }

    [Fact]
    public async Task Cli_ClientAdd_TakesTheJwksFileAndTheFinancialGradeFlags()
    {
        var key = TestKey.Es256();
        var jwks = Path.GetTempFileName();
        await File.WriteAllTextAsync(jwks, key.JwksJson());
        var id = $"cli-{Guid.NewGuid():N}"[..18];

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll"), "client", "add", "--id", id,
            "--grants", "authorization_code,client_credentials", "--scopes", "trade", "--redirect-uri", "https://app.example/callback",
            "--auth-methods", "private_key_jwt", "--jwks-file", jwks, "--require-par", "--require-dpop", "--profile", "fapi2"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Auth"] = app.ConnectionString;
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(jwks);

        Assert.True(process.ExitCode == 0, stderr);
        var printed = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, printed.GetProperty("clientSecret").ValueKind);
        var settings = printed.GetProperty("clientSettings");
        Assert.Equal("fapi2", settings.GetProperty(FinancialGradeSettings.ProfileKey).GetString());
        Assert.True(settings.GetProperty(FinancialGradeSettings.RequireParKey).GetBoolean());
        var stored = await app.Service<Auth.Data.Clients.ClientStore>().FindAsync(id);
        Assert.True(stored!.FinancialGrade.IsFapi2);
        Assert.Equal(key.Thumbprint, stored.FinancialGrade.Keys.Single().Thumbprint);
    }
}
