using System.Net;
using System.Net.Http.Json;
using System.Text;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>The client admin API, POST: adding a client.</summary>
public sealed class ClientAdminAddTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;

    [Fact]
    public async Task Add_AnswersTheSecretOnce_AndDetailNeverShowsIt()
    {
        var (http, id) = await app.AdminWithNewIdAsync();

        var created = await http.AddAsync(AdminApi.MachineClient(id));
        var secret = created.GetProperty("clientSecret").GetString()!;
        var detail = await http.GetAsync($"{Path}/{id}");
        var detailBody = await detail.Content.ReadAsStringAsync();

        Assert.True(secret.Length >= 32);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.DoesNotContain("\"clientSecret\"", detailBody);
        Assert.DoesNotContain(secret, detailBody);
        var json = await AuthApp.JsonAsync(detail);
        Assert.Equal(ApiCodes.Ok, json.GetProperty("code").GetString());
        Assert.Equal(id, json.GetProperty("data").GetProperty("clientId").GetString());
        Assert.Equal(["code", "msg", "data", "datetime", "ext"], json.Keys());
        var token = await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Add_WithInvalidFields_ListsEveryFieldError()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.PostAsJsonAsync(Path, new
        {
            clientId = "has space",
            clientSecret = "short",
            clientSecretExpiresAt = "not a time",
            authorizationGrantTypes = new[] { "implicit" },
            clientAuthenticationMethods = new[] { "tls_client_auth" },
            redirectUris = new[] { "/relative" },
            scopes = new[] { "bad scope" },
            tokenSettings = new Dictionary<string, object> { [TokenSettings.AccessTokenTtl] = "four hours" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await AuthApp.JsonAsync(response)).GetProperty("ext").GetProperty("errors");
        string[] expected = ["clientId", "clientSecret", "clientSecretExpiresAt", "authorizationGrantTypes[0]",
            "clientAuthenticationMethods[0]", "redirectUris[0]", "scopes[0]", $"tokenSettings.{TokenSettings.AccessTokenTtl}"];
        Assert.All(expected, field => Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}"));
    }

    [Fact]
    public async Task Add_WithATakenId_Answers409()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(AdminApi.MachineClient(id));

        var response = await http.PostAsJsonAsync(Path, AdminApi.MachineClient(id));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ApiCodes.ClientExists, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{not json", "INVALID_REQUEST")]
    [InlineData("{\"clientId\": 42, \"authorizationGrantTypes\": [\"client_credentials\"]}", "INVALID_REQUEST")]
    [InlineData("{\"enabled\": \"yes\", \"authorizationGrantTypes\": [\"client_credentials\"]}", "INVALID_REQUEST")]
    [InlineData("[]", "INVALID_REQUEST")]
    [InlineData("{}", "VALIDATION_FAILED")]
    public async Task Add_WithABadBody_Answers400Envelope(string body, string code)
    {
        var http = await app.AdminHttpAsync();

        var response = await http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Add_WithAHugeBody_Answers400Envelope()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.PostAsJsonAsync(Path, new { clientId = ClientAdminApi.NewId(), description = new string('x', 1_000_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiCodes.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Enabled_IsAcceptedAsABooleanOrAString()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(new { clientId = id, enabled = "false", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials } });
        var disabled = await AuthApp.JsonAsync(await http.GetAsync($"{Path}/{id}"));

        var patched = await AuthApp.JsonAsync(await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, enabled = true }));

        Assert.False(disabled.GetProperty("data").GetProperty("enabled").GetBoolean());
        Assert.True(patched.GetProperty("data").GetProperty("enabled").GetBoolean());
    }
}
