using System.Net;
using System.Net.Http.Json;
using Auth.Api.Admin.Envelope;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Admin;

public sealed class ClientAuditTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = "/api/v1/auth/client";

    [Fact]
    public async Task EveryChange_IsAudited_WithWhoWhatAndWhen_AndNeverTheSecret()
    {
        var http = await app.AdminHttpAsync();
        var id = $"audited-{Guid.NewGuid():N}"[..20];
        var given = new string('s', 40);
        await http.AddAsync(new { clientId = id, clientSecret = given, authorizationGrantTypes = new[] { "client_credentials" } });
        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, description = "changed", enabled = "false" });
        var rotated = (await AuthApp.JsonAsync(await http.PostAsync($"{Path}/{id}/secret", null)))
            .GetProperty("data").GetProperty("clientSecret").GetString()!;
        await http.DeleteAsync($"{Path}?ids={id}");

        var response = await http.GetAsync($"{Path}/{id}/audit");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = (await AuthApp.JsonAsync(response)).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "secret_rotated", "deleted"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.StartsWith("operator-", e.GetProperty("actor").GetString()));
        Assert.All(entries, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal(["description", "enabled"], entries[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain(given, body);
        Assert.DoesNotContain(rotated, body);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var stored = string.Join("\n", await connection.QueryAsync<string>("select row_to_json(a)::text from client_audit a"));
        Assert.DoesNotContain(given, stored);
        Assert.DoesNotContain(rotated, stored);
    }

    [Fact]
    public async Task Registration_AndApproval_AreAudited()
    {
        var registered = await AuthApp.JsonAsync(await app.CreateClient().PostAsJsonAsync(
            Registration.RegistrationBodies.Path, Registration.RegistrationBodies.DocumentExample()));
        var id = registered.GetProperty("clientId").GetString()!;
        var http = await app.AdminHttpAsync();
        await http.PostAsync($"/api/v1/apps/{id}/approve", null);

        var entries = (await AuthApp.JsonAsync(await http.GetAsync($"{Path}/{id}/audit"))).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["registered", "approved"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("self-registration", entries[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Audit_OfAClientThatNeverExisted_Answers404Envelope()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.GetAsync($"{Path}/never-{Guid.NewGuid():N}/audit");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiCodes.NotFound, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }
}
