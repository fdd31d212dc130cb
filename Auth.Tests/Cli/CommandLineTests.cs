using System.Net;
using System.Text.Json;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Tests.Cli;

/// <summary>The binary's commands, run as a script would run them: a separate process, JSON on stdout.</summary>
public sealed class CommandLineTests(AuthApp app) : IClassFixture<AuthApp>
{
    /// <summary>The binary on the fixture's database, with its own defaults otherwise (a user added here is hashed as in production).</summary>
    private Task<CliRun> RunAsync(string? stdin, params string[] args) => CliProcess.RunAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings__Auth"] = app.ConnectionString,
        ["Auth__PasswordHashIterations"] = null,
        ["Auth__Database__StartupWaitSeconds"] = null,
    }, stdin, args);

    [Fact]
    public async Task ClientAdd_PrintsTheClientWithAGeneratedSecretThatWorks()
    {
        var (code, stdout, stderr) = await RunAsync(null, "client", "add", "--id", "cli-client", "--grants", "client_credentials",
            "--scopes", "access,trade", "--audiences", "api.example", "--access-token-ttl", "900");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var secret = json.GetProperty("clientSecret").GetString()!;
        Assert.True(secret.Length >= 43);
        Assert.Equal(900, json.GetProperty("accessTokenTtl").GetInt32());
        var token = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic("cli-client", secret), (Parameters.GrantType, GrantTypes.ClientCredentials)));
        Assert.Equal(["api.example"], new JsonWebToken(token.GetProperty("access_token").GetString()).Audiences);
    }

    [Fact]
    public async Task ClientAdd_WithShortSecret_FailsWithoutStoring()
    {
        var (code, stdout, stderr) = await RunAsync(null, "client", "add", "--id", "cli-short", "--secret", "short", "--grants", "client_credentials", "--scopes", "a");

        Assert.NotEqual(0, code);
        Assert.Empty(stdout);
        Assert.Contains("32", stderr);
        Assert.Null(await app.Service<Auth.Data.Clients.ClientStore>().FindAsync("cli-short"));
    }

    [Fact]
    public async Task ClientAdd_WithRelativeRedirectUri_IsRefusedAsTheAdminApiRefusesIt()
    {
        var (code, stdout, stderr) = await RunAsync(null, "client", "add", "--id", "cli-relative", "--grants", "authorization_code",
            "--scopes", "a", "--redirect-uri", "/cb");

        Assert.NotEqual(0, code);
        Assert.Empty(stdout);
        Assert.Contains("redirect URIs must be absolute", stderr);
        Assert.Null(await app.Service<Auth.Data.Clients.ClientStore>().FindAsync("cli-relative"));
    }

    [Fact]
    public async Task UserAdd_ReadsThePasswordFromStdinAndPrintsTheId()
    {
        var (code, stdout, stderr) = await RunAsync("s3cret-from-stdin", "user", "add", "--username", "cli-user", "--password-stdin");

        Assert.True(code == 0, stderr);
        var id = Guid.Parse(JsonDocument.Parse(stdout).RootElement.GetProperty("id").GetString()!);
        var (clientId, secret) = await app.AddStandardClientAsync();
        var response = await app.TokenAsync(AuthApp.Basic(clientId, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, "cli-user"), (Parameters.Password, "s3cret-from-stdin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id.ToString(), new JsonWebToken((await AuthApp.JsonAsync(response)).GetProperty("access_token").GetString()).Subject);
        Assert.DoesNotContain("s3cret-from-stdin", stdout + stderr);
    }

    [Fact]
    public async Task KeysRotate_IsPickedUpByTheRunningInstance()
    {
        _ = app.CreateClient();
        var (code, stdout, stderr) = await RunAsync(null, "keys", "rotate");

        Assert.True(code == 0, stderr);
        var kid = JsonDocument.Parse(stdout).RootElement.GetProperty("kid").GetString()!;
        await app.Service<Auth.Api.Keys.SigningKeyRing>().LoadAsync();
        Assert.Equal(kid, app.Service<Auth.Api.Keys.SigningKeyRing>().Current.Kid);
        Assert.Contains(kid, await app.CreateClient().GetStringAsync("/.well-known/jwks.json"));
    }

    [Fact]
    public async Task MigrateDryRun_OnAMigratedDatabase_ListsNothing()
    {
        var (code, stdout, stderr) = await RunAsync(null, "migrate", "--dry-run");

        Assert.True(code == 0, stderr);
        Assert.Equal(0, JsonDocument.Parse(stdout).RootElement.GetProperty("pending").GetArrayLength());
    }

    [Fact]
    public async Task UserAdd_WithProfileFlags_StoresTheClaimsUserInfoGives()
    {
        var (code, stdout, stderr) = await RunAsync("s3cret-from-stdin", "user", "add", "--username", "cli-profile", "--password-stdin",
            "--name", "Dana Scully", "--given-name", "Dana", "--family-name", "Scully", "--email", "dana@example.com", "--email-verified");

        Assert.True(code == 0, stderr);
        var id = Guid.Parse(JsonDocument.Parse(stdout).RootElement.GetProperty("id").GetString()!);
        var profile = (await app.Service<Auth.Data.Users.UserStore>().FindProfileAsync(id))!;
        Assert.Equal(("Dana Scully", "Dana", "Scully", "dana@example.com", true),
            (profile.Name, profile.GivenName, profile.FamilyName, profile.Email, profile.EmailVerified));
    }

    [Fact]
    public async Task UserAdd_WithABadEmail_FailsWithoutStoring()
    {
        var (code, _, stderr) = await RunAsync("pw", "user", "add", "--username", "cli-bad-email", "--password-stdin", "--email", "not an address");

        Assert.Equal(2, code);
        Assert.Contains("--email", stderr);
        Assert.Null(await app.Service<Auth.Data.Users.UserStore>().FindByCanonicalUsernameAsync("cli-bad-email"));
    }

    [Fact]
    public async Task ClientAdd_WithPostLogoutRedirectUris_StoresThem()
    {
        var (code, stdout, stderr) = await RunAsync(null, "client", "add", "--id", "cli-oidc", "--grants", "authorization_code",
            "--scopes", "openid,profile", "--redirect-uri", "https://rp.example/cb",
            "--post-logout-redirect-uri", "https://rp.example/bye", "--post-logout-redirect-uri", "https://rp.example/bye2");

        Assert.True(code == 0, stderr);
        Assert.Equal(["https://rp.example/bye", "https://rp.example/bye2"],
            JsonDocument.Parse(stdout).RootElement.GetProperty("postLogoutRedirectUris").EnumerateArray().Select(e => e.GetString()));
        var client = await app.Service<Auth.Data.Clients.ClientStore>().FindAsync("cli-oidc");
        Assert.Equal(["https://rp.example/bye", "https://rp.example/bye2"], client!.PostLogoutRedirectUris);
    }
}
