using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Housekeeping;
using Auth.Api.Admin.Clients;
using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Data;
using Auth.Data.Clients;
using Auth.Data.Keys;
using Auth.Tests.Cli;
using Auth.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Keys;

/// <summary>Signing keys and the data-protection key ring sealed under the operator's key-encryption key (issue 12).</summary>
public sealed class KeysAtRestTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Payload = "a sign-in cookie's contents";

    [Fact]
    public async Task KeyTables_ReadDirectly_HoldNoPrivateKeyMaterial()
    {
        var key = SigningKey.Generate();
        await app.Service<SigningKeyStore>().RotateAsync(key.Kid, app.Service<KeyEncryptionKeys>().Protect(key), TimeSpan.FromSeconds(10));
        _ = Protect(app);

        var (signing, ring) = await ReadKeyTablesAsync(app.ConnectionString);

        Assert.True(signing.Count >= 2);
        Assert.All(signing, row =>
        {
            Assert.Null(row.PrivateKeyPem);
            Assert.StartsWith("kek1.", row.PrivateKeySealed);
            AssertNoKeyMaterial(row.PrivateKeySealed!);
        });
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("encryptedSecret", xml);
            Assert.Contains(nameof(KekXmlDecryptor), xml);
            AssertNoKeyMaterial(xml);
        });
    }

    [Fact]
    public async Task RestartWithARotatedKek_AfterRewrap_VerifiesTokensAndCookiesFromBefore()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        var oldKek = TestKeyEncryption.NewKeyFile(KeyEncryptionKey.Generate());
        var newKey = KeyEncryptionKey.Generate();
        var newKek = TestKeyEncryption.NewKeyFile(newKey);
        string token, protectedPayload;
        await using (var old = new KeyedInstance(connectionString, (KeyEncryptionKeys.FileSetting, oldKek)))
        {
            token = await TokenAsync(old, connectionString);
            protectedPayload = Protect(old);
        }

        // The deploy step: instances with the new KEK and the old one as previous read what the old one sealed.
        await using (var both = new KeyedInstance(connectionString, (KeyEncryptionKeys.FileSetting, newKek), (KeyEncryptionKeys.PreviousFilesSetting, oldKek)))
            Assert.Equal(HttpStatusCode.OK, await PingAsync(both, token));
        var (code, stdout, stderr) = await RunCliAsync(connectionString, oldKek, "keys", "rewrap", "--new-key-file", newKek);
        Assert.True(code == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(newKey.Id, result.GetProperty("keyEncryptionKey").GetString());
        Assert.True(result.GetProperty("signingKeys").GetInt32() >= 1);
        Assert.True(result.GetProperty("dataProtectionKeys").GetInt32() >= 1);

        await using var renewed = new KeyedInstance(connectionString, (KeyEncryptionKeys.FileSetting, newKek));
        Assert.Equal(HttpStatusCode.OK, await PingAsync(renewed, token));
        Assert.Equal(Payload, Protector(renewed).Unprotect(protectedPayload));
        var (signing, _) = await ReadKeyTablesAsync(connectionString);
        Assert.All(signing, row => Assert.Equal(newKey.Id, KeyEncryptionKey.SealedBy(row.PrivateKeySealed!)));
    }

    [Fact]
    public async Task PlainKeysFromBefore_AreSealedOnTheFirstStartWithAKek()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        string token, protectedPayload;
        await using (var plain = new KeyedInstance(connectionString, (KeyEncryptionKeys.AllowPlaintextSetting, "true")))
        {
            token = await TokenAsync(plain, connectionString);
            protectedPayload = Protect(plain);
        }
        var (plainSigning, plainRing) = await ReadKeyTablesAsync(connectionString);
        Assert.All(plainSigning, row => Assert.NotNull(row.PrivateKeyPem));
        Assert.Contains(plainRing, xml => xml.Contains("<masterKey"));

        await using var sealing = new KeyedInstance(connectionString, (KeyEncryptionKeys.FileSetting, TestKeyEncryption.File));
        _ = sealing.Services;

        var (signing, ring) = await ReadKeyTablesAsync(connectionString);
        Assert.All(signing, row => Assert.Null(row.PrivateKeyPem));
        Assert.All(ring, xml => Assert.DoesNotContain("<masterKey", xml));
        Assert.Equal(HttpStatusCode.OK, await PingAsync(sealing, token));
        Assert.Equal(Payload, Protector(sealing).Unprotect(protectedPayload));
    }

    [Fact]
    public async Task Serve_WithoutAKek_RefusesWithOneLineAndExitCode1()
    {
        var (code, stdout, stderr) = await RunCliAsync(app.ConnectionString, "",
            "--urls", $"http://127.0.0.1:{Auth.DevTools.LocalCluster.LocalPostgresCluster.FreePort()}");

        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains("Auth__Keys__EncryptionKeyFile", lines[0]);
        Assert.Contains("Auth__Keys__AllowPlaintext", lines[0]);
        Assert.Equal("", stdout.Trim());
    }

    [Fact]
    public async Task RetiredKey_PastItsPublishTime_IsDeletedByHousekeeping()
    {
        var store = app.Service<SigningKeyStore>();
        var keys = app.Service<KeyEncryptionKeys>();
        _ = app.Services;
        var expired = app.Service<SigningKeyRing>().Current.Kid;
        var stillPublished = SigningKey.Generate();
        await store.RotateAsync(stillPublished.Kid, keys.Protect(stillPublished), TimeSpan.FromSeconds(10));
        var active = SigningKey.Generate();
        await store.RotateAsync(active.Kid, keys.Protect(active), TimeSpan.FromSeconds(10));
        await using (var dataSource = DataSetup.CreateDataSource(app.ConnectionString))
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("update signing_keys set publish_until = now() - interval '1 day' where kid = @expired", new { expired });

        var counts = await app.Service<ExpiredTokenSweeper>().SweepOnceAsync();

        Assert.True(counts!.SigningKeys >= 1);
        var (signing, _) = await ReadKeyTablesAsync(app.ConnectionString);
        Assert.DoesNotContain(signing, r => r.Kid == expired);
        Assert.Contains(signing, r => r.Kid == stillPublished.Kid);
        Assert.Contains(signing, r => r.Kid == active.Kid && r.RetiredAt is null);
    }

    private static void AssertNoKeyMaterial(string stored)
    {
        Assert.DoesNotContain("PRIVATE KEY", stored);
        foreach (var member in new[] { "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"" })
            Assert.DoesNotContain(member, stored);
    }

    private static IDataProtector Protector(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

    private static string Protect(WebApplicationFactory<Program> host) => Protector(host).Protect(Payload);

    private static async Task<(List<StoredSigningKey> Signing, List<string> Ring)> ReadKeyTablesAsync(string connectionString)
    {
        await using var dataSource = DataSetup.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var signing = (await connection.QueryAsync<StoredSigningKey>(
            "select kid, private_key_pem, private_key_sealed, created_at, retired_at, publish_until from signing_keys")).ToList();
        var ring = (await connection.QueryAsync<string>("select xml from data_protection_keys")).ToList();
        return (signing, ring);
    }

    private static async Task<string> TokenAsync(WebApplicationFactory<Program> host, string connectionString)
    {
        var id = $"kek-{Guid.NewGuid():N}"[..16];
        var (row, secret) = new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["trade"] }.ToRow();
        await host.Services.GetRequiredService<ClientStore>().UpsertAsync(row);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create(Parameters.GrantType, GrantTypes.ClientCredentials)]),
        };
        request.Headers.Authorization = AuthApp.Basic(id, secret!);
        var response = await host.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthApp.JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> PingAsync(WebApplicationFactory<Program> host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await host.CreateClient().SendAsync(request)).StatusCode;
    }

    /// <summary>The binary on <paramref name="connectionString"/>, with <paramref name="keyFile"/> as <c>Auth__Keys__EncryptionKeyFile</c>.</summary>
    private static Task<CliRun> RunCliAsync(string connectionString, string keyFile, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__Auth"] = connectionString, [TestKeyEncryption.FileVariable] = keyFile }, null, args);

    /// <summary>An instance on a given database with only the key settings given (no shared test KEK).</summary>
    private sealed class KeyedInstance(string connectionString, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Auth", connectionString);
            builder.UseSetting("Auth:Issuer", AuthApp.Issuer);
            builder.UseSetting("Auth:PasswordHashIterations", AuthApp.TestHashIterations.ToString());
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.ConfigureLogging(l => l.ClearProviders());
        }
    }
}
