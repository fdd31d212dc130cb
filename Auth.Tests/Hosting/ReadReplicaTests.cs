using System.Net;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>
/// <c>ConnectionStrings:AuthRead</c> serves the sign-in pages' client look-ups; the token endpoint
/// still reads the primary. Shown with a "replica" that is a different database lacking the client.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private ReplicaApp _app = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        _app = new ReplicaApp(await server.CreateDatabaseAsync());
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PagesReadClientsFromTheReadConnection_TokensFromThePrimary()
    {
        var (id, secret) = await _app.AddStandardClientAsync();

        var token = await _app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", "client_credentials"));
        var page = await _app.CreateClient().GetAsync(
            $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString("https://app.example/callback")}&state=s");

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        // The read database has no such client, so the page shows its unknown-client error.
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private sealed class ReplicaApp(string readConnectionString) : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [KeyValuePair.Create("ConnectionStrings:AuthRead", readConnectionString)];
    }
}
