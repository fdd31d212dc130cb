using System.Net;
using Auth.Api.Admin.Envelope;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>The client admin API, GET: listing and reading clients.</summary>
public sealed class ClientAdminReadTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;

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
                clientId = ClientAdminApi.NewId(), clientName = i < 3 ? $"Alpha {i}" : $"Beta {i}", tenantId = tenant,
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
    public async Task Detail_OfAnUnknownClient_Answers404Envelope()
    {
        var http = await app.AdminHttpAsync();

        var response = await http.GetAsync($"{Path}/{ClientAdminApi.NewId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiCodes.NotFound, (await AuthApp.JsonAsync(response)).GetProperty("code").GetString());
    }
}
