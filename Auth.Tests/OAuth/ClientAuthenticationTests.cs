using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Data.Clients;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.OAuth;

public sealed class ClientAuthenticationTests(AuthApp app) : IClassFixture<AuthApp>
{
    private static readonly (string, string) ClientCredentials = (Parameters.GrantType, GrantTypes.ClientCredentials);

    private static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WithWrongSecret_Answers401InvalidClientWithBasicChallenge()
    {
        var (id, _) = await app.AddStandardClientAsync();
        await AssertInvalidClientAsync(await app.TokenAsync(AuthApp.Basic(id, "not-the-secret-not-the-secret-xx"), ClientCredentials));
    }

    [Fact]
    public async Task Token_WithUnknownClient_Answers401InvalidClient()
    {
        await AssertInvalidClientAsync(await app.TokenAsync(AuthApp.Basic("no-such-client", "whatever-whatever-whatever-whatev"), ClientCredentials));
    }

    [Fact]
    public async Task Token_WithoutAnyCredentials_Answers401InvalidClient()
    {
        await AssertInvalidClientAsync(await app.TokenAsync(null, ClientCredentials));
    }

    [Fact]
    public async Task Token_WithSecretInQueryString_AnswersInvalidRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.PostFormAsync($"/oauth/token?client_secret={secret}",
            [KeyValuePair.Create(Parameters.GrantType, GrantTypes.ClientCredentials), KeyValuePair.Create(Parameters.ClientId, id)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WithBasicAndPostTogether_AnswersInvalidRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), ClientCredentials, (Parameters.ClientId, id), (Parameters.ClientSecret, secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WithMethodNotRegisteredForClient_Answers401()
    {
        var id = $"basic-only-{Guid.NewGuid():N}"[..20];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["access"], AuthMethods = [ClientAuthMethods.SecretBasic],
        });

        var response = await app.TokenAsync(null, ClientCredentials, (Parameters.ClientId, id), (Parameters.ClientSecret, secret!));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Token_WithMalformedBasicHeader_Answers401()
    {
        await AssertInvalidClientAsync(await app.TokenAsync(new AuthenticationHeaderValue("Basic", "%%%not-base64%%%"), ClientCredentials));
    }

    [Fact]
    public async Task Token_ForDisabledClient_Answers401()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var store = app.Service<ClientStore>();
        var row = (await store.FindRowAsync(id))!;
        await store.UpsertAsync(new ClientRow
        {
            Id = row.Id, SecretHash = row.SecretHash, Name = row.Name, AuthMethods = row.AuthMethods,
            GrantTypes = row.GrantTypes, Scopes = row.Scopes, Enabled = false,
        });

        await AssertInvalidClientAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ClientCredentials));
    }

    [Fact]
    public async Task ClientAdd_WithShortGivenSecret_IsRefused()
    {
        var client = new NewClient { Id = "short-secret", Secret = "too-short", GrantTypes = [GrantTypes.ClientCredentials] };
        Assert.Contains(client.Problems(), p => p.Contains("at least 32"));
    }

    [Fact]
    public async Task Clients_AreStoredOnlyAsHashes()
    {
        var (id, secret) = await app.AddStandardClientAsync();

        var row = await app.Service<ClientStore>().FindRowAsync(id);

        Assert.Equal(Auth.Core.Security.SecretHasher.Hash(secret), row!.SecretHash);
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var cmd = dataSource.CreateCommand("select count(*) from clients where position(convert_to(@s, 'UTF8') in coalesce(secret_hash, ''::bytea)) > 0 or name = @s");
        cmd.Parameters.AddWithValue("s", secret);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
