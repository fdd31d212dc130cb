using System.Net;
using Auth.Tests.Infrastructure;
using Dapper;

namespace Auth.Tests.Authorize;

public sealed class DataProtectionTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task SignInCookie_FromOneInstance_IsAcceptedByAnotherSharingTheDatabase()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        await app.AddUserAsync("erin", "correct horse");
        var query = CodeFlow.Query(client.Id);
        var first = new CodeFlow(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await first.SignInAsync(query, "erin", "correct horse")).StatusCode);

        // A second host: its own services and key-ring cache, the same database; the same browser.
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var second = new CodeFlow(secondInstance, first.Cookies);
        var response = await second.DecideAsync(query, "allow");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.True(CodeFlow.RedirectParameters(response).ContainsKey("code"));
    }

    [Fact]
    public async Task KeyRing_IsStoredInPostgres()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        await new CodeFlow(app).AuthorizeAsync(CodeFlow.Query(client.Id));

        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var xml = await connection.QueryFirstAsync<string>("select xml from data_protection_keys");
        Assert.Contains("<key", xml);
    }
}
