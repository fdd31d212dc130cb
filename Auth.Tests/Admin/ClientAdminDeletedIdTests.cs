using System.Net;
using System.Net.Http.Json;
using Auth.Api.Admin.Envelope;
using Auth.Core.OAuth;
using Auth.Data.Clients;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Admin;

/// <summary>A deleted client id stays dead (migration 0014): whoever deletes, whoever tries to create it again.</summary>
public sealed class ClientAdminDeletedIdTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task AddingADeletedId_Answers409_AndNoTokenIssuedBeforeTheDeleteIntrospectsActive()
    {
        var http = await app.AdminHttpAsync();
        var resource = await app.AddStandardClientAsync();
        var id = ClientAdminApi.NewId();
        var body = new
        {
            clientId = id, clientSecret = new string('s', 40), scopes = new[] { "trade" }, audiences = new[] { resource.Id },
            authorizationGrantTypes = new[] { GrantTypes.Password, GrantTypes.RefreshToken, GrantTypes.ClientCredentials },
        };
        await http.AddAsync(body);
        var auth = AuthApp.Basic(id, body.clientSecret);
        var machine = await TokenAsync(auth, (Parameters.GrantType, GrantTypes.ClientCredentials));
        var username = $"user-{Guid.NewGuid():N}"[..16];
        await app.AddUserAsync(username, Password);
        var user = await TokenAsync(auth, (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, Password));
        await app.RevokeAsync(auth, user.GetProperty("refresh_token").GetString()!);
        var (machineToken, revokedToken) = (machine.GetProperty("access_token").GetString()!, user.GetProperty("access_token").GetString()!);
        var resourceAuth = AuthApp.Basic(resource.Id, resource.Secret);
        Assert.True(await app.IsActiveAsync(resourceAuth, machineToken));
        Assert.False(await app.IsActiveAsync(resourceAuth, revokedToken));

        await http.DeleteAsync($"{Path}?ids={id}");
        var again = await http.PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ApiCodes.ClientIdDeleted, (await AuthApp.JsonAsync(again)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Path}/{id}")).StatusCode);
        Assert.False(await app.IsActiveAsync(resourceAuth, machineToken));
        Assert.False(await app.IsActiveAsync(resourceAuth, revokedToken));
    }

    [Fact]
    public async Task AnIdDeletedOutsideTheApi_IsRefusedToTheCommandLinesInsertAndUpsert()
    {
        var (id, _) = await app.AddStandardClientAsync();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            await connection.ExecuteAsync("delete from clients where id = @id", new { id });
        var (row, _) = new Api.Admin.Clients.NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials] }.ToRow();
        var store = app.Service<ClientStore>();

        var inserted = await store.InsertAsync(row);
        var upsert = await Assert.ThrowsAsync<PostgresException>(() => store.UpsertAsync(row));

        Assert.Equal(ClientInsert.Deleted, inserted);
        Assert.Equal(ClientStore.DeletedIdConstraint, upsert.ConstraintName);
        Assert.Null(await store.FindRowAsync(id));
    }

    private async Task<System.Text.Json.JsonElement> TokenAsync(System.Net.Http.Headers.AuthenticationHeaderValue auth, params (string, string)[] form)
    {
        var response = await app.TokenAsync(auth, form);
        var json = await AuthApp.JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }
}
