using System.Net;
using System.Net.Http.Json;
using System.Text;
using Auth.Api.Admin.Envelope;
using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Data.Clients;
using Auth.Tests.Admin;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Registration;

public sealed class RegistrationTests(RegistrationApp app) : IClassFixture<RegistrationApp>
{
    private static readonly string Path = RegistrationBodies.Path;

    [Fact]
    public async Task Register_WithTheDocumentsExampleBody_AnswersAPendingClientWithItsSecretAndThePublicKey()
    {
        var body = RegistrationBodies.DocumentExample();

        var response = await app.CreateClient().PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        var clientId = json.GetProperty("clientId").GetString()!;
        Assert.True(json.GetProperty("clientSecret").GetString()!.Length >= 32);
        Assert.Equal(["read:portfolio", "trade"], json.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["api.example"], json.GetProperty("audiences").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(app.Service<SigningKeyRing>().Current.ExportPublicKeyPem(), json.GetProperty("publicKey").GetString());
        Assert.Equal("pending", json.GetProperty("status").GetString());
        var stored = await app.Service<ClientStore>().FindRowAsync(clientId);
        Assert.Equal("My Trading App", stored!.Name);
        Assert.Equal([ClientAuthMethods.SecretBasic], stored.AuthMethods);
        Assert.Equal(body["appCodeName"], (await app.Service<AppRegistrationStore>().FindAsync(clientId))!.AppCodeName);
    }

    [Fact]
    public async Task Register_WithEveryFieldInvalid_ListsEachFieldErrorAtOnce()
    {
        var body = new Dictionary<string, object?>
        {
            ["companyName"] = "",
            ["homepageUrl"] = "not a url",
            ["contactInfo"] = new Dictionary<string, object?> { ["name"] = "", ["phone"] = "call me", ["email"] = "nobody" },
            ["appCodeName"] = "My_App",
            ["appLogo"] = "ftp://example.com/logo.png",
            ["redirectUris"] = new[] { "http://my-app.com/callback", "https://ok.example/cb#frag" },
            ["grantTypes"] = new[] { "implicit" },
            ["responseTypes"] = new[] { "token" },
            ["authMethod"] = "Private Key JWT",
        };

        var response = await app.CreateClient().PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        Assert.Equal(ApiCodes.ValidationFailed, json.GetProperty("code").GetString());
        var errors = json.GetProperty("ext").GetProperty("errors");
        string[] expected = ["companyName", "companyInfo", "homepageUrl", "contactInfo.name", "contactInfo.phone", "contactInfo.email",
            "appCodeName", "appName", "appLogo", "redirectUris[0]", "redirectUris[1]", "grantTypes[0]", "responseTypes[0]", "authMethod"];
        Assert.Equal(expected.Order(), errors.Keys().Order());
    }

    [Fact]
    public async Task Register_WithoutContactInfo_ReportsIt()
    {
        var body = RegistrationBodies.DocumentExample();
        body.Remove("contactInfo");

        var response = await app.CreateClient().PostAsJsonAsync(Path, body);

        var errors = (await AuthApp.JsonAsync(response)).GetProperty("ext").GetProperty("errors");
        Assert.Equal(["contactInfo"], errors.Keys());
    }

    [Fact]
    public async Task Register_WithHttpOnALoopbackRedirect_IsAccepted()
    {
        var body = RegistrationBodies.DocumentExample();
        body["redirectUris"] = new[] { "http://127.0.0.1:8080/callback", "http://localhost/cb", "http://[::1]/cb" };

        var response = await app.CreateClient().PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Register_WithATakenAppCodeName_Answers409AndStoresNoSecondClient()
    {
        var name = $"dup.{Guid.NewGuid():N}"[..20];
        await app.CreateClient().PostAsJsonAsync(Path, RegistrationBodies.DocumentExample(name));
        var http = await app.AdminHttpAsync();
        var before = (await AuthApp.JsonAsync(await http.GetAsync("/api/v1/auth/client?clientName=My Trading App&pageSize=1")))
            .GetProperty("data").GetProperty("total").GetInt64();

        var response = await app.CreateClient().PostAsJsonAsync(Path, RegistrationBodies.DocumentExample(name));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ApiCodes.AppCodeNameTaken, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
        var after = (await AuthApp.JsonAsync(await http.GetAsync("/api/v1/auth/client?clientName=My Trading App&pageSize=1")))
            .GetProperty("data").GetProperty("total").GetInt64();
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("{\"appCodeName\": ")]
    [InlineData("{\"redirectUris\": \"https://one.example\"}")]
    [InlineData("null")]
    public async Task Register_WithAMalformedBody_Answers400Envelope(string body)
    {
        var response = await app.CreateClient().PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiCodes.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(GrantTypes.Password)]
    [InlineData(GrantTypes.ClientCredentials)]
    public async Task Register_AskingForAGrantOnlyOperatorsGive_Answers400NamingIt(string grantType)
    {
        var body = RegistrationBodies.DocumentExample(grantTypes: [GrantTypes.AuthorizationCode, grantType]);

        var response = await app.CreateClient().PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        Assert.Equal(ApiCodes.ValidationFailed, json.GetProperty("code").GetString());
        Assert.Equal(["grantTypes[1]"], json.GetProperty("ext").GetProperty("errors").Keys());
    }

    [Fact]
    public async Task Approval_GatesTokens_PendingIsRefused_ApprovedGetsOne_RejectedIsRefused()
    {
        var body = RegistrationBodies.DocumentExample();
        body["redirectUris"] = new[] { CodeFlow.RedirectUri };
        var registered = await AuthApp.JsonAsync(await app.CreateClient().PostAsJsonAsync(Path, body));
        var (id, secret) = (registered.GetProperty("clientId").GetString()!, registered.GetProperty("clientSecret").GetString()!);
        var username = $"u{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(username, "correct horse");
        var admin = await app.AdminHttpAsync();
        Task<HttpResponseMessage> Redeem(string code) => app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri));

        var pending = await Redeem("no-such-code");
        var approval = await admin.PostAsync($"/api/v1/apps/{id}/approve", null);
        var approved = await Redeem(await new CodeFlow(app).CodeAsync(CodeFlow.Query(id, scope: "trade"), username, "correct horse"));
        var rejection = await admin.PostAsync($"/api/v1/apps/{id}/reject", null);
        var rejected = await Redeem("no-such-code");

        Assert.Equal(HttpStatusCode.Unauthorized, pending.StatusCode);
        Assert.Equal(OAuthErrors.InvalidClient, (await AuthApp.JsonAsync(pending)).GetProperty("error").GetString());
        Assert.Equal("active", (await AuthApp.JsonAsync(approval)).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("rejected", (await AuthApp.JsonAsync(rejection)).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task Approve_WithoutAToken_Answers401Envelope_AndOfAnUnknownApp_Answers404()
    {
        var anonymous = await app.CreateClient().PostAsync("/api/v1/apps/someone/approve", null);
        var unknown = await (await app.AdminHttpAsync()).PostAsync($"/api/v1/apps/{Guid.NewGuid():N}/approve", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(ApiCodes.Unauthorized, (await AuthApp.JsonAsync(anonymous)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Approve_WithATokenLackingTheAdminScope_Answers403Envelope()
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.OperatorTokenAsync("broker"));

        var response = await http.PostAsync("/api/v1/apps/someone/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiCodes.Forbidden, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }
}
