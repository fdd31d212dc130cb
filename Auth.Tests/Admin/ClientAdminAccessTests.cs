using System.Net;
using System.Net.Http.Json;
using Auth.Api.Admin.Envelope;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>The client admin API, Every verb: who may call the admin API.</summary>
public sealed class ClientAdminAccessTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;

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

        var response = await http.PostAsJsonAsync(Path, AdminApi.MachineClient(ClientAdminApi.NewId()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiCodes.Forbidden, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }
}
