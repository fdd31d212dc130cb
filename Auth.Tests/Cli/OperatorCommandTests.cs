using System.Net;
using System.Text.Json;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Clients;
using Auth.Data.Users;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Cli;

/// <summary>The operator's commands on one database: JSON on stdout, exit 1 for a refused request, state as shown.</summary>
public sealed class OperatorCommandTests(AuthApp app) : IClassFixture<AuthApp>
{
    private Task<CliRun> RunAsync(string? stdin, params string[] args) => CliProcess.RunAsync(app.ConnectionString, stdin, args);

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.Code == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task ClientList_ShowsAClient_AsJsonAndAsATable()
    {
        var (id, _) = await app.AddStandardClientAsync(NewId("list"));

        var json = Json(await RunAsync(null, "client", "list", "--name", id));
        var table = await RunAsync(null, "client", "list", "--name", id, "--output", "table");

        Assert.Equal(1, json.GetProperty("total").GetInt64());
        Assert.Equal(id, json.GetProperty("clients")[0].GetProperty("clientId").GetString());
        Assert.True(table.Code == 0, table.ToString());
        Assert.Contains("CLIENTID", table.Stdout);
        Assert.Contains(id, table.Stdout);
    }

    [Fact]
    public async Task ClientShow_PrintsTheClientWithoutItsSecret()
    {
        var (id, secret) = await app.AddStandardClientAsync(NewId("show"));

        var run = await RunAsync(null, "client", "show", "--id", id);

        Assert.Equal(id, Json(run).GetProperty("clientId").GetString());
        Assert.DoesNotContain(secret, run.Stdout);
    }

    [Fact]
    public async Task ClientShow_OfAnUnknownId_Exits1()
    {
        var run = await RunAsync(null, "client", "show", "--id", "no-such-client");

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("error: No client has id 'no-such-client'.", run.FirstErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task ClientDisableThenEnable_StoresEachState()
    {
        var (id, _) = await app.AddStandardClientAsync(NewId("toggle"));

        var disabled = Json(await RunAsync(null, "client", "disable", "--id", id));
        var stored = await app.Service<ClientStore>().FindRowAsync(id);
        var enabled = Json(await RunAsync(null, "client", "enable", "--id", id));

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.False(stored!.Enabled);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.True((await app.Service<ClientStore>().FindRowAsync(id))!.Enabled);
    }

    [Fact]
    public async Task ClientDelete_RemovesIt_AndASecondDeleteExits1()
    {
        var (id, _) = await app.AddStandardClientAsync(NewId("delete"));

        var first = Json(await RunAsync(null, "client", "delete", "--id", id));
        var second = await RunAsync(null, "client", "delete", "--id", id);

        Assert.True(first.GetProperty("deleted").GetBoolean());
        Assert.Null(await app.Service<ClientStore>().FindRowAsync(id));
        Assert.True(second.Code == 1, second.ToString());
    }

    [Fact]
    public async Task ClientRotateSecret_StoresTheNewSecretShownOnce()
    {
        var (id, old) = await app.AddStandardClientAsync(NewId("rotate"));

        var secret = Json(await RunAsync(null, "client", "rotate-secret", "--id", id)).GetProperty("clientSecret").GetString()!;

        var stored = (await app.Service<ClientStore>().FindRowAsync(id))!.SecretHash;
        Assert.NotEqual(old, secret);
        Assert.Equal(SecretHasher.Hash(secret), stored);
    }

    [Fact]
    public async Task ClientAdd_WithSecretStdin_StoresThatSecret()
    {
        var id = NewId("stdin");
        var secret = RandomTokens.New();

        var run = await RunAsync(secret, "client", "add", "--id", id, "--grants", "client_credentials", "--scopes", "a", "--secret-stdin");

        Assert.Equal(secret, Json(run).GetProperty("clientSecret").GetString());
        Assert.Equal(SecretHasher.Hash(secret), (await app.Service<ClientStore>().FindRowAsync(id))!.SecretHash);
    }

    [Fact]
    public async Task ClientAdd_WithTheOldSecretArgument_WorksWithAWarning()
    {
        var id = NewId("argsecret");
        var secret = RandomTokens.New();

        var run = await RunAsync(null, "client", "add", "--id", id, "--grants", "client_credentials", "--scopes", "a", "--secret", secret);

        Assert.Equal(secret, Json(run).GetProperty("clientSecret").GetString());
        Assert.StartsWith("warning: --secret shows the secret in the process list", run.FirstErrorLine);
    }

    [Theory]
    [InlineData("short1", "at least 8 characters")]
    [InlineData("policy-user", "must not be the username")]
    [InlineData("Password123", "commonly used passwords")]
    [InlineData("qwertyuiop", "commonly used passwords")]
    public async Task UserAdd_WithAWeakPassword_Exits2AndStoresNothing(string password, string reason)
    {
        var run = await RunAsync(password, "user", "add", "--username", "policy-user", "--password-stdin");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains(reason, run.FirstErrorLine);
        Assert.Null(await app.Service<UserStore>().FindByCanonicalUsernameAsync("policy-user"));
    }

    [Fact]
    public async Task UserAdd_WithAPasswordFile_ReadsIt()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "a-long-file-password\n");
        try
        {
            var run = await RunAsync(null, "user", "add", "--username", "file-user", "--password-file", file);

            Json(run);
            Assert.Equal(HttpStatusCode.OK, (await PasswordGrantAsync("file-user", "a-long-file-password")).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UserSetPassword_ReplacesThePassword()
    {
        await app.AddUserAsync("reset-user", "the-first-password");

        var run = await RunAsync("the-second-password", "user", "set-password", "--username", "reset-user", "--password-stdin");

        Assert.True(Json(run).GetProperty("passwordSet").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await PasswordGrantAsync("reset-user", "the-second-password")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await PasswordGrantAsync("reset-user", "the-first-password")).StatusCode);
    }

    [Fact]
    public async Task UserSetPassword_OfAnUnknownUser_Exits1()
    {
        var run = await RunAsync("a-fine-password", "user", "set-password", "--username", "nobody-here", "--password-stdin");

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("error: No user is named 'nobody-here'.", run.FirstErrorLine);
    }

    [Fact]
    public async Task UserDisableThenEnable_StoresEachState()
    {
        var id = await app.AddUserAsync("toggle-user", "a-fine-password");

        Json(await RunAsync(null, "user", "disable", "--username", "toggle-user"));
        var disabled = await app.Service<UserAdminStore>().FindAsync(id);
        Json(await RunAsync(null, "user", "enable", "--username", "toggle-user"));

        Assert.False(disabled!.Enabled);
        Assert.True((await app.Service<UserAdminStore>().FindAsync(id))!.Enabled);
    }

    [Fact]
    public async Task UserUnlock_ClearsTheFailedAttempts()
    {
        await app.AddUserAsync("locked-user", "a-fine-password");
        for (var i = 0; i < 3; i++)
            await PasswordGrantAsync("locked-user", "wrong-password");
        Assert.True((await app.Service<UserAdminStore>().AttemptsAsync("locked-user")).Failures > 0);

        Json(await RunAsync(null, "user", "unlock", "--username", "locked-user"));

        Assert.Equal(0, (await app.Service<UserAdminStore>().AttemptsAsync("locked-user")).Failures);
    }

    [Fact]
    public async Task UserListAndShow_DescribeTheUser()
    {
        var id = await app.AddUserAsync("shown-user", "a-fine-password");

        var list = Json(await RunAsync(null, "user", "list", "--search", "shown-"));
        var show = Json(await RunAsync(null, "user", "show", "--username", "shown-user"));

        Assert.Equal(["shown-user"], list.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()));
        Assert.Equal(id.ToString(), show.GetProperty("id").GetString());
        Assert.False(show.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task KeysList_ShowsTheActiveKeyWithoutKeyMaterial()
    {
        _ = app.CreateClient();
        await app.Service<Auth.Api.Keys.SigningKeyRing>().LoadAsync();

        var run = await RunAsync(null, "keys", "list");

        var keys = Json(run).GetProperty("keys").EnumerateArray().ToList();
        Assert.Contains(keys, k => k.GetProperty("active").GetBoolean());
        Assert.DoesNotContain("PRIVATE KEY", run.Stdout);
    }

    [Fact]
    public async Task MigrateStatus_OnAMigratedDatabase_ListsAllAppliedAndExits0()
    {
        var run = await RunAsync(null, "migrate", "--status");

        var states = Json(run).GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()).ToList();
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal("applied", s));
    }

    [Fact]
    public async Task MigrateStatusAndDryRun_OnAnEmptyDatabase_ListPendingAndStatusExits1()
    {
        var server = await PostgresServer.InstanceAsync();
        var empty = await server.CreateEmptyDatabaseAsync();
        try
        {
            var status = await CliProcess.RunAsync(empty, null, "migrate", "--status");
            var dryRun = await CliProcess.RunAsync(empty, null, "migrate", "--dry-run");

            Assert.True(status.Code == 1, status.ToString());
            Assert.All(JsonDocument.Parse(status.Stdout).RootElement.GetProperty("migrations").EnumerateArray(),
                m => Assert.Equal("pending", m.GetProperty("state").GetString()));
            Assert.True(JsonDocument.Parse(dryRun.Stdout).RootElement.GetProperty("pending").GetArrayLength() > 0);
        }
        finally
        {
            await server.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task TokenIntrospectThenRevoke_OfAnAccessToken_EndsIt()
    {
        var user = await app.SignInAsync();

        var before = Json(await RunAsync(user.AccessToken, "token", "introspect", "--token-stdin"));
        var revoke = Json(await RunAsync(user.AccessToken, "token", "revoke", "--token-stdin"));
        var after = Json(await RunAsync(user.AccessToken, "token", "introspect", "--token-stdin"));

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.Equal(user.ClientId, before.GetProperty("client_id").GetString());
        Assert.True(revoke.GetProperty("revoked").GetBoolean());
        Assert.False(after.GetProperty("active").GetBoolean());
        Assert.False(await app.IsActiveAsync(user.ClientAuth, user.AccessToken));
    }

    [Fact]
    public async Task TokenRevoke_OfARefreshToken_EndsItsFamily()
    {
        var user = await app.SignInAsync();

        var introspected = Json(await RunAsync(user.RefreshToken, "token", "introspect", "--token-stdin"));
        Json(await RunAsync(user.RefreshToken, "token", "revoke", "--token-stdin"));

        Assert.Equal("refresh_token", introspected.GetProperty("token_type").GetString());
        Assert.True(introspected.GetProperty("active").GetBoolean());
        Assert.NotEqual(HttpStatusCode.OK, (await app.RefreshAsync(user.ClientAuth, user.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task TokenRevoke_OfSomethingElse_Exits1()
    {
        var run = await RunAsync("not-a-token", "token", "revoke", "--token-stdin");

        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("error: Not a token of this service", run.FirstErrorLine);
    }

    [Fact]
    public async Task PerformClientCredentials_AgainstTheRunningService_PrintsAWorkingToken()
    {
        var (id, secret) = await app.AddStandardClientAsync(NewId("perform"), ["access"]);
        await using var server = await ServiceProcess.StartAsync(app.ConnectionString);

        var run = await RunAsync(secret, "perform", "client-credentials", "--issuer", server.Url, "--client-id", id, "--client-secret-stdin", "--scope", "access");
        var wrong = await RunAsync("not-the-secret-at-all", "perform", "client-credentials", "--issuer", server.Url, "--client-id", id, "--client-secret-stdin");

        var token = Json(run).GetProperty("access_token").GetString()!;
        var introspected = Json(await RunAsync(token, "token", "introspect", "--token-stdin"));
        Assert.True(introspected.GetProperty("active").GetBoolean());
        Assert.Equal("access", introspected.GetProperty("scope").GetString());
        Assert.True(wrong.Code == 1, wrong.ToString());
        Assert.StartsWith($"error: the token endpoint refused: {OAuthErrors.InvalidClient}", wrong.FirstErrorLine);
    }

    private async Task<HttpResponseMessage> PasswordGrantAsync(string username, string password)
    {
        var (clientId, secret) = await app.AddStandardClientAsync();
        return await app.TokenAsync(AuthApp.Basic(clientId, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, password));
    }
}
