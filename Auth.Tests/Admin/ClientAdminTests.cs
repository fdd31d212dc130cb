using System.Net;
using System.Net.Http.Json;
using System.Text;
using Auth.Api.ClientAdmin;
using Auth.Api.Envelope;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

public sealed class ClientAdminTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = "/api/v1/auth/client";

    private static string NewId() => $"c-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Add_AnswersTheSecretOnce_AndDetailNeverShowsIt()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();

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
    public async Task List_FiltersByNameEnabledAndTenant_PagesWithATotal_AndShowsNoSecret()
    {
        var http = await app.AdminHttpAsync();
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var secrets = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var added = await http.AddAsync(new
            {
                clientId = NewId(), clientName = i < 3 ? $"Alpha {i}" : $"Beta {i}", tenantId = tenant,
                enabled = i == 4 ? "false" : "true", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
            });
            secrets.Add(added.GetProperty("clientSecret").GetString()!);
        }

        var page2 = await AuthApp.JsonAsync(await http.GetAsync($"{Path}?tenantId={tenant}&pageNo=2&pageSize=2"));
        var alpha = await AuthApp.JsonAsync(await http.GetAsync($"{Path}?tenantId={tenant}&clientName=alpha"));
        var disabled = await http.GetAsync($"{Path}?tenantId={tenant}&enabled=false");
        var disabledBody = await disabled.Content.ReadAsStringAsync();

        Assert.Equal(5, page2.GetProperty("data").GetProperty("total").GetInt64());
        Assert.Equal(2, page2.GetProperty("data").GetProperty("list").GetArrayLength());
        Assert.Equal("Alpha 2", page2.GetProperty("data").GetProperty("list")[0].GetProperty("clientName").GetString());
        Assert.Equal(3, alpha.GetProperty("data").GetProperty("total").GetInt64());
        var onlyDisabled = (await AuthApp.JsonAsync(disabled)).GetProperty("data").GetProperty("list");
        Assert.Equal("Beta 4", Assert.Single(onlyDisabled.EnumerateArray()).GetProperty("clientName").GetString());
        Assert.DoesNotContain("\"clientSecret\"", disabledBody);
        Assert.All(secrets, s => Assert.DoesNotContain(s, disabledBody));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageNo=abc", "pageNo")]
    [InlineData("enabled=maybe", "enabled")]
    public async Task List_WithAMalformedQuery_Answers400NamingTheField(string query, string field)
    {
        var http = await app.AdminHttpAsync();

        var response = await http.GetAsync($"{Path}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        Assert.Equal(ApiCodes.ValidationFailed, json.GetProperty("code").GetString());
        Assert.True(json.GetProperty("ext").GetProperty("errors").TryGetProperty(field, out _));
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
        var http = await app.AdminHttpAsync();
        var id = NewId();
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

        var response = await http.PostAsJsonAsync(Path, new { clientId = NewId(), description = new string('x', 1_000_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiCodes.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Enabled_IsAcceptedAsABooleanOrAString()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        await http.AddAsync(new { clientId = id, enabled = "false", authorizationGrantTypes = new[] { GrantTypes.ClientCredentials } });
        var disabled = await AuthApp.JsonAsync(await http.GetAsync($"{Path}/{id}"));

        var patched = await AuthApp.JsonAsync(await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, enabled = true }));

        Assert.False(disabled.GetProperty("data").GetProperty("enabled").GetBoolean());
        Assert.True(patched.GetProperty("data").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Replace_SetsEveryField_ResetsAbsentOnes_AndKeepsTheSecret()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
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

        var response = await http.SendJsonAsync(HttpMethod.Put, Path, AdminApi.MachineClient(NewId()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiCodes.NotFound, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenFields_AndTokenSettingsSetTheLifetime()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
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
        var http = await app.AdminHttpAsync();
        var id = NewId();
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
        var http = await app.AdminHttpAsync();
        var id = NewId();
        var old = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;

        var response = await http.PostAsync($"{Path}/{id}/secret", null);

        var fresh = (await AuthApp.JsonAsync(response)).GetProperty("data").GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, fresh), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync(AuthApp.Basic(id, old), ("grant_type", GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task SecretExpiresAt_InThePast_RefusesTokensWithInvalidClient()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        var secret = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;

        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, clientSecretExpiresAt = app.Clock.GetUtcNow().AddMinutes(-1).ToString("O") });

        var response = await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Disabling_AClient_StopsItsIssuedTokensAtOnce()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        var secret = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("clientSecret").GetString()!;
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(id, secret), ("grant_type", GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString()!;

        await http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, enabled = "false" });

        var ping = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        ping.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(ping)).StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheClients_RevokesTheirTokens_AndReportsUnknownIds()
    {
        var http = await app.AdminHttpAsync();
        var (a, b, unknown) = (NewId(), NewId(), NewId());
        var secret = (await http.AddAsync(AdminApi.MachineClient(a))).GetProperty("clientSecret").GetString()!;
        await http.AddAsync(AdminApi.MachineClient(b));
        var token = (await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(a, secret), ("grant_type", GrantTypes.ClientCredentials))))
            .GetProperty("access_token").GetString()!;

        var response = await http.DeleteAsync($"{Path}?ids={a}&ids={b},{unknown}");

        var data = (await AuthApp.JsonAsync(response)).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { a, b }.Order(), data.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(unknown, Assert.Single(data.GetProperty("notFound").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Path}/{a}")).StatusCode);
        var ping = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        ping.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(ping)).StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Delete_WithNoneOrMoreThan200Ids_Answers400AndDeletesNothing(int count)
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        await http.AddAsync(AdminApi.MachineClient(id));
        var ids = new[] { id }.Concat(Enumerable.Range(0, Math.Max(0, count - 1)).Select(i => $"x{i}")).Take(count);

        var response = await http.DeleteAsync($"{Path}?{string.Join('&', ids.Select(i => $"ids={i}"))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await AuthApp.JsonAsync(response)).GetProperty("ext").GetProperty("errors").TryGetProperty("ids", out _));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{Path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_With200Ids_IsAccepted()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        await http.AddAsync(AdminApi.MachineClient(id));
        var ids = new[] { id }.Concat(Enumerable.Range(0, 199).Select(i => $"x{i}"));

        var response = await http.DeleteAsync($"{Path}?ids={string.Join(',', ids)}");

        var data = (await AuthApp.JsonAsync(response)).GetProperty("data");
        Assert.Equal(id, Assert.Single(data.GetProperty("deleted").EnumerateArray()).GetString());
        Assert.Equal(199, data.GetProperty("notFound").GetArrayLength());
    }

    [Fact]
    public async Task Delete_WithDuplicateIds_Answers400AndDeletesNothing()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
        await http.AddAsync(AdminApi.MachineClient(id));

        var response = await http.DeleteAsync($"{Path}?ids={id}&ids={id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{Path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Answers409AndChangesNothing()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
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
        var http = await app.AdminHttpAsync();
        var id = NewId();
        var version = (await http.AddAsync(AdminApi.MachineClient(id))).GetProperty("version").GetInt32();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            http.SendJsonAsync(HttpMethod.Patch, Path, new { clientId = id, version, description = $"writer {i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ConcurrentUpdates_OfDifferentFieldsWithoutAVersion_LoseNoChange()
    {
        var http = await app.AdminHttpAsync();
        var id = NewId();
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

    [Fact]
    public async Task Detail_OfAnUnknownClient_Answers404Envelope()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.GetAsync($"{Path}/{NewId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiCodes.NotFound, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "?ids=x")]
    [InlineData("GET", "/some-id")]
    public async Task WithoutAToken_EveryVerbAnswers401Envelope(string method, string suffix)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), Path + suffix));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiCodes.Unauthorized, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task WithAnInvalidToken_Answers401Envelope()
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var response = await http.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiCodes.Unauthorized, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task WithATokenLackingTheAdminScope_Answers403Envelope()
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.OperatorTokenAsync("broker"));

        var response = await http.PostAsJsonAsync(Path, AdminApi.MachineClient(NewId()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiCodes.Forbidden, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }
}
