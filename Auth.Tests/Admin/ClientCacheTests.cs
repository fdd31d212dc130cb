using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Data;
using Auth.Tests.Infrastructure;
using Dapper;

namespace Auth.Tests.Admin;

public sealed class ClientCacheTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task ClientDisabledByAnotherProcess_IsRefusedOnceTheNotificationArrives()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await WaitForListenerAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);

        // Another instance (a separate connection, not this process's store) disables the client.
        await using (var dataSource = DataSetup.CreateDataSource(app.ConnectionString))
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("update clients set enabled = false where id = @id", new { id });

        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 50 && status == HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(100);
            status = (await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task ClientChangedThroughThisProcess_IsSeenByTheVeryNextRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        await WaitForListenerAsync();
        await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials));

        var (_, newSecret) = await app.AddStandardClientAsync(id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, newSecret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
    }

    private async Task WaitForListenerAsync()
    {
        var cache = app.Service<ClientCache>();
        for (var attempt = 0; attempt < 100 && !cache.IsListening; attempt++)
            await Task.Delay(50);
        Assert.True(cache.IsListening);
    }
}
