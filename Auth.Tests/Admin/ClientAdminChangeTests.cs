using System.Net;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>The client admin API, PUT and PATCH: replacing and updating a client, its secret and its state.</summary>
public sealed class ClientAdminChangeTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;

    [Fact]
    public async Task Replace_SetsEveryField_ResetsAbsentOnes_AndKeepsTheSecret()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var secret = (await http.AddAsync(new
        {
            clientId = id, description = "first", bizTag = "tag", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            scopes = new[] { "trade" },
        })).GetProperty("clientSecret").GetString()!;

        var response = await http.SendJsonAsync(HttpMethod.Put, Path, new
        {
            clientId = id, clientName = "Replaced", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            scopes = new[] { "profile" },
        });

        var json = await AuthApp.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = json.GetProperty("data");
        Assert.Equal("Replaced", data.GetProperty("clientName").GetString());
        Assert.Equal(JsonValueKindNull, data.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKindNull, data.GetProperty("bizTag").ValueKind);
        Assert.False(data.TryGetProperty("clientSecret", out _));
        var token = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials)));
        Assert.Equal("profile", token.GetProperty("scope").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Replace_OfAnUnknownClient_Answers404Envelope()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.SendJsonAsync(HttpMethod.Put, Path, AdminApi.MachineClient(ClientAdminApi.NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiCodes.NotFound, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenFields_AndTokenSettingsSetTheLifetime()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var secret = (await http.AddAsync(new
        {
            clientId = id, description = "kept", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials }, scopes = new[] { "trade" },
        })).GetProperty("clientSecret").GetString()!;

        var response = await http.SendJsonAsync(HttpMethod.Patch, Path, new
        {
            id, tokenSettings = new Dictionary<string, object> { [TokenSettings.AccessTokenTtl] = "PT4H" },
        });

        var data = (await AuthApp.JsonAsync(response)).GetProperty("data");
        Assert.Equal("kept", data.GetProperty("description").GetString());
        Assert.Equal("PT4H", data.GetProperty("tokenSettings").GetProperty(TokenSettings.AccessTokenTtl).GetString());
        var token = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials)));
        Assert.Equal(4 * 3600, token.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task Update_WithAnEmptySecret_GeneratesANewOne_AndTheOldOneStopsWorking()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var old = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;

        var data = (await AuthApp.JsonAsync(await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, clientSecret = "" }))).GetProperty("data");

        var fresh = data.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(old, fresh);
        var oldTry = await app.TokenAsync(AuthApp.Basic(id, old), ("grant_type", GrantTypes.ClientCredentials));
        var freshTry = await app.TokenAsync(AuthApp.Basic(id, fresh), ("grant_type", GrantTypes.ClientCredentials));
        Assert.Equal(HttpStatusCode.Unauthorized, oldTry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, freshTry.StatusCode);
    }

    [Fact]
    public async Task RotateSecret_AnswersANewSecretOnce()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var old = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;

        var response = await http.PostAsync($"{Path}/{id}/secret", null);

        var fresh = (await AuthApp.JsonAsync(response)).GetProperty("data").GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, fresh), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync(AuthApp.Basic(id, old), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task Replace_WithoutSecretOrEnabled_KeepsTheSecretsExpiry_AndADisabledClientDisabled()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var expires = app.Clock.GetUtcNow().AddDays(7);
        await http.AddAsync(new
        {
            clientId = id, clientSecretExpiresAt = expires.ToString("O"), enabled = false,
            authorizationGrantTypes = new[] { GrantTypes.ClientCredentials }, scopes = new[] { "trade" },
        });

        var response = await http.SendJsonAsync(HttpMethod.Put, Path, new
        {
            clientId = id, clientName = "Replaced", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials }, scopes = new[] { "trade" },
        });

        var data = (await AuthApp.JsonAsync(response)).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expires.ToUnixTimeSeconds(), data.GetProperty("clientSecretExpiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.False(data.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Update_WithANewSecret_DropsTheOldSecretsPastExpiry()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(new
        {
            clientId = id, clientSecretExpiresAt = app.Clock.GetUtcNow().AddMinutes(-1).ToString("O"),
            authorizationGrantTypes = new[] { GrantTypes.ClientCredentials }, scopes = new[] { "trade" },
        });

        var data = (await AuthApp.JsonAsync(await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, clientSecret = "" })))
            .GetProperty("data");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("clientSecretExpiresAt").ValueKind);
        var fresh = data.GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, fresh), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task RotateSecret_OfASecretPastItsExpiry_GivesASecretThatWorks()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(AdminApi.MachineClient(id));
        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, clientSecretExpiresAt = app.Clock.GetUtcNow().AddMinutes(-1).ToString("O") });

        var data = (await AuthApp.JsonAsync(await http.PostAsync($"{Path}/{id}/secret", null))).GetProperty("data");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("clientSecretExpiresAt").ValueKind);
        var fresh = data.GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, fresh), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task SecretExpiresAt_InThePast_RefusesTokensWithInvalidClient()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var secret = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;

        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, clientSecretExpiresAt = app.Clock.GetUtcNow().AddMinutes(-1).ToString("O") });

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Disabling_AClient_StopsItsIssuedTokensAtOnce()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var secret = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString()!;

        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, enabled = "false" });

        var ping = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        ping.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(ping)).StatusCode);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Answers409AndChangesNothing()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var version = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("version").GetInt32();
        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, description = "first" }, ifMatch: $"\"{version}\"");

        var stale = await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, description = "second" }, ifMatch: $"\"{version}\"");
        var staleBody = await http.SendJsonAsync(HttpMethod.Put, Path, new
        {
            clientId = id, version, authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
        });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(ApiCodes.VersionConflict, (await AuthApp.JsonAsync(stale)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, staleBody.StatusCode);
        var data = (await AuthApp.JsonAsync(await http.GetAsync($"{Path}/{id}"))).GetProperty("data");
        Assert.Equal("first", data.GetProperty("description").GetString());
        Assert.Equal(version + 1, data.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ConcurrentUpdates_WithTheSameVersion_LetExactlyOneWin()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        var version = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("version").GetInt32();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, version, description = $"writer {i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ConcurrentUpdates_OfDifferentFieldsWithoutAVersion_LoseNoChange()
    {
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(AdminApi.MachineClient(id));

        var responses = await Task.WhenAll(
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, description = "described" }),
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, bizTag = "tagged" }),
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, tenantName = "named" }),
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, platform = "XCAN_TP" }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var data = (await AuthApp.JsonAsync(await http.GetAsync($"{Path}/{id}"))).GetProperty("data");
        Assert.Equal("described", data.GetProperty("description").GetString());
        Assert.Equal("tagged", data.GetProperty("bizTag").GetString());
        Assert.Equal("named", data.GetProperty("tenantName").GetString());
        Assert.Equal("XCAN_TP", data.GetProperty("platform").GetString());
        Assert.Equal(5, data.GetProperty("version").GetInt32());
    }
}
