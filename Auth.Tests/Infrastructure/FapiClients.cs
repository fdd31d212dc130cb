using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.Clients;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Infrastructure;

/// <summary>Registering financial-grade clients and calling the service with proofs and assertions.</summary>
public static class FapiClients
{
    public const string TokenUri = AuthApp.Issuer + "/oauth/token";
    public const string ParUri = AuthApp.Issuer + "/oauth/par";
    public const string PingUri = AuthApp.Issuer + "/api/system/ping";

    public static string Settings(TestKey? key = null, bool requirePar = false, bool requireDpop = false, string? profile = null)
    {
        var settings = new Dictionary<string, object>();
        if (key is not null)
            settings[FinancialGradeSettings.JwkSetKey] = key.Jwks();
        if (requirePar)
            settings[FinancialGradeSettings.RequireParKey] = true;
        if (requireDpop)
            settings[FinancialGradeSettings.RequireDpopKey] = true;
        if (profile is not null)
            settings[FinancialGradeSettings.ProfileKey] = profile;
        return JsonSerializer.Serialize(settings);
    }

    /// <summary>A client of the code flow authenticating with <c>private_key_jwt</c>.</summary>
    public static NewClient KeyClient(TestKey key, string[]? grants = null, bool requirePar = false, bool requireDpop = false, string? profile = null) =>
        CodeFlow.Client(grants: grants ?? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, GrantTypes.Password]) with
        {
            AuthMethods = [ClientAuthMethods.PrivateKeyJwt],
            ClientSettings = Settings(key, requirePar, requireDpop, profile),
        };

    public static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();

    public static List<KeyValuePair<string, string>> WithAssertion(this List<KeyValuePair<string, string>> form, string assertion)
    {
        form.Add(KeyValuePair.Create(Parameters.ClientAssertionType, ClientAssertionValidator.JwtBearerType));
        form.Add(KeyValuePair.Create(Parameters.ClientAssertion, assertion));
        return form;
    }

    /// <summary>POSTs a form, with a DPoP proof and Basic credentials when given.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app,
        string path, IEnumerable<KeyValuePair<string, string>> form, string? proof = null, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        if (proof is not null)
            request.Headers.Add(DpopErrors.ProofHeader, proof);
        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>GET /api/system/ping with the given scheme, token and proof.</summary>
    public static async Task<HttpResponseMessage> PingAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app,
        string scheme, string token, string? proof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
            request.Headers.Add(DpopErrors.ProofHeader, proof);
        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>A DPoP-bound client_credentials token for a fresh secret client.</summary>
    public static async Task<(string Token, string ClientId, string Secret)> DpopClientCredentialsAsync(this AuthApp app, TestKey key, string[]? scopes = null)
    {
        var id = $"dpop-{Guid.NewGuid():N}"[..20];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = scopes ?? ["trade"] });
        var response = await app.PostAsync("/oauth/token", Form((Parameters.GrantType, GrantTypes.ClientCredentials)),
            key.Proof("POST", TokenUri, app.Clock.GetUtcNow()), AuthApp.Basic(id, secret!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        Assert.Equal(DpopErrors.TokenType, body.GetProperty("token_type").GetString());
        return (body.GetProperty("access_token").GetString()!, id, secret!);
    }
}
