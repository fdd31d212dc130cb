using System.Net;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class ConsentTests(AuthApp app) : IClassFixture<AuthApp>
{
    private async Task<(CodeFlow Flow, string Query)> SignedInAsync(string scope = "profile history")
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var username = $"u{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(username, "correct horse");
        var flow = new CodeFlow(app);
        var query = CodeFlow.Query(client.Id, scope: scope);
        Assert.Equal(HttpStatusCode.SeeOther, (await flow.SignInAsync(query, username, "correct horse")).StatusCode);
        return (flow, query);
    }

    [Fact]
    public async Task Consent_SignedIn_NamesClientAndEachScopeInWords()
    {
        var (flow, query) = await SignedInAsync("profile+trade");

        var html = await (await flow.AuthorizeAsync(query)).Content.ReadAsStringAsync();

        Assert.Contains("Northwind Trading", html);
        Assert.Contains("See your profile", html);
        Assert.Contains("Trade on your behalf", html);
        Assert.DoesNotContain("trading history", html);
        Assert.Contains("name=\"decision\" value=\"allow\"", html);
        Assert.Contains("name=\"decision\" value=\"deny\"", html);
    }

    [Fact]
    public async Task Consent_Deny_RedirectsAccessDeniedWithStateAndIss()
    {
        var (flow, query) = await SignedInAsync();

        var response = await flow.DecideAsync(query, "deny");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var p = CodeFlow.RedirectParameters(response);
        Assert.Equal(OAuthErrors.AccessDenied, p["error"]);
        Assert.Equal("st-123", p[Parameters.State]);
        Assert.Equal(AuthApp.Issuer, p["iss"]);
        Assert.False(p.ContainsKey(Parameters.Code));
    }

    [Fact]
    public async Task Consent_Allow_RedirectsCodeWithStateAndIss()
    {
        var (flow, query) = await SignedInAsync();

        var response = await flow.DecideAsync(query, "allow");

        var p = CodeFlow.RedirectParameters(response);
        Assert.True(p[Parameters.Code].Length >= 43);
        Assert.Equal("st-123", p[Parameters.State]);
        Assert.Equal(AuthApp.Issuer, p["iss"]);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Consent_PostWithoutSignIn_ShowsSignInInsteadOfIssuingCode()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var query = CodeFlow.Query(client.Id);
        var flow = new CodeFlow(app);
        var token = await CodeFlow.FormTokenAsync(await flow.AuthorizeAsync(query));

        var response = await flow.PostAsync("/oauth/authorize/consent" + query, [new("__RequestVerificationToken", token), new("decision", "allow")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"password\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Consent_WithoutAntiforgeryToken_IsRefused()
    {
        var (flow, query) = await SignedInAsync();
        var response = await flow.PostAsync("/oauth/authorize/consent" + query, [new("decision", "allow")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Consent_CodeStoredOnlyAsHash()
    {
        var (flow, query) = await SignedInAsync();
        var code = CodeFlow.RedirectParameters(await flow.DecideAsync(query, "allow"))[Parameters.Code];

        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var hashes = (await Dapper.SqlMapper.QueryAsync<byte[]>(connection, "select code_hash from authorization_codes")).ToList();
        Assert.Contains(hashes, h => h.SequenceEqual(Auth.Core.Security.SecretHasher.Hash(code)));
        var dump = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "select string_agg(a::text, ' ') from authorization_codes a");
        Assert.DoesNotContain(code, dump);
    }
}
