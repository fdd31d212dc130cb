using System.Net;
using System.Net.Http.Headers;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class CodeRedemptionTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Password = "correct horse";

    private sealed record Setup(string ClientId, string? Secret, CodeFlow Flow, string Username)
    {
        public AuthenticationHeaderValue? Auth => Secret is null ? null : AuthApp.Basic(ClientId, Secret);
    }

    private async Task<Setup> SetupAsync(bool isPublic = false, string[]? grants = null, int codeTtl = 300)
    {
        var client = CodeFlow.Client(isPublic: isPublic, grants: grants, codeTtl: codeTtl);
        var secret = await app.AddClientAsync(client);
        var username = $"u{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(username, Password);
        return new Setup(client.Id, secret, new CodeFlow(app), username);
    }

    private Task<string> CodeAsync(Setup s, string? challenge = null, string scope = "profile history") =>
        s.Flow.CodeAsync(CodeFlow.Query(s.ClientId, scope: scope, challenge: challenge), s.Username, Password);

    private Task<HttpResponseMessage> RedeemAsync(Setup s, string code, string? verifier = null, string redirectUri = CodeFlow.RedirectUri)
    {
        var form = new List<(string, string)> { (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.Code, code), (Parameters.RedirectUri, redirectUri) };
        if (verifier is not null)
            form.Add((Parameters.CodeVerifier, verifier));
        if (s.Secret is null)
            form.Add((Parameters.ClientId, s.ClientId));
        return app.TokenAsync(s.Auth, [.. form]);
    }

    private async Task<HttpStatusCode> PingAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OAuthErrors.InvalidGrant, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Redeem_ConfidentialClient_IssuesAccessAndRefreshTokenForConsentedScope()
    {
        var s = await SetupAsync();
        var code = await CodeAsync(s);

        var response = await RedeemAsync(s, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal("profile history", body.GetProperty("scope").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.TryGetProperty("refresh_token", out _));
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, await PingAsync(body.GetProperty("access_token").GetString()!));
    }

    [Fact]
    public async Task Redeem_ClientWithoutRefreshGrant_IssuesNoRefreshToken()
    {
        var s = await SetupAsync(grants: [GrantTypes.AuthorizationCode]);
        var response = await RedeemAsync(s, await CodeAsync(s));
        Assert.False((await AuthApp.JsonAsync(response)).TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Redeem_ConfidentialClientWithPkce_NeedsTheRightVerifier()
    {
        var s = await SetupAsync();
        var (verifier, challenge) = CodeFlow.NewPkce();
        var code = await CodeAsync(s, challenge);

        await AssertInvalidGrantAsync(await RedeemAsync(s, code, CodeFlow.NewPkce().Verifier));
        await AssertInvalidGrantAsync(await RedeemAsync(s, code));
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(s, code, verifier)).StatusCode);
    }

    [Fact]
    public async Task Redeem_PublicClientWithVerifier_Succeeds()
    {
        var s = await SetupAsync(isPublic: true);
        var (verifier, challenge) = CodeFlow.NewPkce();
        var response = await RedeemAsync(s, await CodeAsync(s, challenge), verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Redeem_PublicClientWithoutVerifier_IsInvalidGrant()
    {
        var s = await SetupAsync(isPublic: true);
        var (_, challenge) = CodeFlow.NewPkce();
        await AssertInvalidGrantAsync(await RedeemAsync(s, await CodeAsync(s, challenge)));
    }

    [Fact]
    public async Task Redeem_VerifierForCodeIssuedWithoutChallenge_IsInvalidGrant()
    {
        var s = await SetupAsync();
        await AssertInvalidGrantAsync(await RedeemAsync(s, await CodeAsync(s), CodeFlow.NewPkce().Verifier));
    }

    [Fact]
    public async Task Redeem_DifferentRedirectUri_IsInvalidGrant()
    {
        var s = await SetupAsync();
        await AssertInvalidGrantAsync(await RedeemAsync(s, await CodeAsync(s), redirectUri: "https://app.example/other"));
    }

    [Fact]
    public async Task Redeem_ByAnotherClient_IsInvalidGrant()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        await AssertInvalidGrantAsync(await RedeemAsync(other, await CodeAsync(s)));
    }

    [Fact]
    public async Task Redeem_UnknownCode_IsInvalidGrant()
    {
        var s = await SetupAsync();
        await AssertInvalidGrantAsync(await RedeemAsync(s, "not-a-code"));
    }

    [Fact]
    public async Task Redeem_MissingCode_IsInvalidRequest()
    {
        var s = await SetupAsync();
        var response = await app.TokenAsync(s.Auth, (Parameters.GrantType, GrantTypes.AuthorizationCode), (Parameters.RedirectUri, CodeFlow.RedirectUri));
        Assert.Equal(OAuthErrors.InvalidRequest, (await AuthApp.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Redeem_WrongClientSecret_IsInvalidClient()
    {
        var s = await SetupAsync();
        var code = await CodeAsync(s);
        var response = await RedeemAsync(s with { Secret = "wrong-secret-wrong-secret-wrong-secret" }, code);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Redeem_AfterClientsCodeLifetime_IsInvalidGrant()
    {
        var s = await SetupAsync(codeTtl: 60);
        var code = await CodeAsync(s);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        try
        {
            await AssertInvalidGrantAsync(await RedeemAsync(s, code));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromSeconds(-61));
        }
    }

    [Fact]
    public async Task Redeem_SecondTime_IsInvalidGrantAndRevokesTokensFromThatCode()
    {
        var s = await SetupAsync();
        var code = await CodeAsync(s);
        var first = await AuthApp.JsonAsync(await RedeemAsync(s, code));
        var accessToken = first.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await PingAsync(accessToken));

        await AssertInvalidGrantAsync(await RedeemAsync(s, code));

        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(accessToken));
        var refresh = first.GetProperty("refresh_token").GetString()!;
        await using var dataSource = Auth.Data.DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var familyRevoked = await Dapper.SqlMapper.ExecuteScalarAsync<bool>(connection,
            "select f.revoked_at is not null from refresh_tokens r join token_families f on f.id = r.family_id where r.token_hash = @h",
            new { h = Auth.Core.Security.SecretHasher.Hash(refresh) });
        Assert.True(familyRevoked);
    }

    [Fact]
    public async Task Redeem_FiftyConcurrentRedemptions_ExactlyOneSucceeds()
    {
        var s = await SetupAsync();
        var code = await CodeAsync(s);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RedeemAsync(s, code)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
    }
}
