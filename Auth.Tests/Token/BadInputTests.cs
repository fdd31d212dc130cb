using System.Net;
using System.Text;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Dapper;

namespace Auth.Tests.Token;

/// <summary>Malformed, hostile or oversized requests get an RFC 6749 §5.2 JSON error, never a 5xx, and change nothing.</summary>
public sealed class BadInputTests(AuthApp app) : IClassFixture<AuthApp>
{
    public static TheoryData<string, string> HostileBodies => new()
    {
        { "application/x-www-form-urlencoded", "" },
        { "application/x-www-form-urlencoded", "grant_type=password&grant_type=client_credentials" },
        { "application/x-www-form-urlencoded", "grant_type=password&username=a&Username=b&password=x" },
        { "application/x-www-form-urlencoded", "grant_type=password&username=%F0%9F%94%91%E2%80%AE%00&password=%00%00" },
        { "application/x-www-form-urlencoded", "grant_type=" + new string('a', 100_000) },
        { "application/x-www-form-urlencoded", "%%%===&&&" },
        { "application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 200).Select(i => $"p{i}=1")) },
        { "application/json", "{\"grant_type\":\"client_credentials\"}" },
        { "text/plain", "grant_type=client_credentials" },
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword\r\n--x--" },
        { "application/x-www-form-urlencoded", "grant_type=client_credentials&scope=%22%5C" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Token_WithHostileBody_AnswersJsonErrorAndChangesNothing(string contentType, string body)
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var before = await CountRowsAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = AuthApp.Basic(id, secret);
        var response = await app.CreateClient().SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 401);
        var json = await AuthApp.JsonAsync(response);
        Assert.Contains(json.GetProperty("error").GetString(), new[] { OAuthErrors.InvalidRequest, OAuthErrors.InvalidScope, OAuthErrors.InvalidClient });
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("'; drop table users; --")]
    [InlineData("admin' or '1'='1")]
    [InlineData("\u202Eйцукен🔑")]
    public async Task Password_WithHostileUsername_AnswersInvalidGrantAndStoresOnlyTheFailureCount(string username)
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var before = await CountRowsAsync(includeFailures: false);

        var response = await app.TokenAsync(AuthApp.Basic(id, secret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "x' or 1=1 --"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(before, await CountRowsAsync(includeFailures: false));
    }

    [Fact]
    public async Task Token_WithoutGrantType_AnswersInvalidRequest()
    {
        var (id, secret) = await app.AddStandardClientAsync();
        var response = await app.TokenAsync(AuthApp.Basic(id, secret), (Parameters.Scope, "profile"));
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WithGetMethod_IsNotServed()
    {
        var response = await app.CreateClient().GetAsync("/oauth/token?grant_type=client_credentials");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<long> CountRowsAsync(bool includeFailures = true)
    {
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("""
            select (select count(*) from users) + (select count(*) from token_families) + (select count(*) from refresh_tokens)
                 + (select count(*) from signing_keys) + (select count(*) from clients)
                 + case when @includeFailures then (select count(*) from login_failures) else 0 end
            """, new { includeFailures });
    }
}
