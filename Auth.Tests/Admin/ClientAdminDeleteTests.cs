using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>The client admin API, DELETE: removing clients.</summary>
public sealed class ClientAdminDeleteTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Path = ClientAdminApi.Path;

    [Fact]
    public async Task Delete_RemovesTheClients_RevokesTheirTokens_AndReportsUnknownIds()
    {
        var http = await app.AdminHttpAsync();
        var (a, b, unknown) = (ClientAdminApi.NewId(), ClientAdminApi.NewId(), ClientAdminApi.NewId());
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
        var (http, id) = await app.AdminWithNewIdAsync();
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
        var (http, id) = await app.AdminWithNewIdAsync();
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
        var (http, id) = await app.AdminWithNewIdAsync();
        await http.AddAsync(AdminApi.MachineClient(id));

        var response = await http.DeleteAsync($"{Path}?ids={id}&ids={id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{Path}/{id}")).StatusCode);
    }
}
