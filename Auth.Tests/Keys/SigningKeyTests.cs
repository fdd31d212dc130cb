using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Core.Tokens;
using Auth.Data;
using Auth.Data.Keys;
using Auth.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Tests.Keys;

public sealed class SigningKeyTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task FirstStart_OfManyInstancesAtOnce_CreatesExactlyOneActiveKey()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        await using var dataSource = DataSetup.CreateDataSource(connectionString);
        var keys = new KeyEncryptionKeys(Auth.Core.Security.KeyEncryptionKey.Generate(), []);
        var rings = Enumerable.Range(0, 8)
            .Select(_ => new SigningKeyRing(new SigningKeyStore(dataSource), keys, TimeProvider.System, NullLogger<SigningKeyRing>.Instance))
            .ToList();

        await Task.WhenAll(rings.Select(r => Task.Run(r.LoadAsync)));

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from signing_keys"));
        Assert.Single(rings.Select(r => r.Current.Kid).Distinct());
    }

    [Fact]
    public async Task Rotate_SignsWithTheNewKeyAndKeepsTheOldOnePublished()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var before = await TokenAsync(id, secret);
        var ring = app.Service<SigningKeyRing>();
        var oldKid = ring.Current.Kid;

        var key = SigningKey.Generate();
        await app.Service<SigningKeyStore>().RotateAsync(key.Kid, app.Service<Auth.Api.Keys.KeyEncryptionKeys>().Protect(key), TimeSpan.FromSeconds(10));
        await ring.LoadAsync();
        var after = await TokenAsync(id, secret);

        Assert.Equal(oldKid, new JsonWebToken(before).Kid);
        Assert.Equal(key.Kid, new JsonWebToken(after).Kid);
        var jwks = await app.CreateClient().GetStringAsync("/.well-known/jwks.json");
        Assert.Contains(oldKid, jwks);
        Assert.Contains(key.Kid, jwks);
        foreach (var token in new[] { before, after })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
            request.Headers.Authorization = new("Bearer", token);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task RetiredKey_PastItsPublishTime_LeavesTheJwks()
    {
        var ring = app.Service<SigningKeyRing>();
        var key = SigningKey.Generate();
        await app.Service<SigningKeyStore>().RotateAsync(key.Kid, app.Service<Auth.Api.Keys.KeyEncryptionKeys>().Protect(key), TimeSpan.FromSeconds(10));
        var retired = ring.Current.Kid;
        await using (var dataSource = DataSetup.CreateDataSource(app.ConnectionString))
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("update signing_keys set publish_until = now() - interval '1 second' where kid = @retired", new { retired });

        await ring.LoadAsync();

        Assert.DoesNotContain(retired, await app.CreateClient().GetStringAsync("/.well-known/jwks.json"));
    }

    private async Task<string> TokenAsync(string id, string secret) =>
        (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))))
        .GetProperty("access_token").GetString()!;
}
