using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>Calls to the admin API with a real bearer token minted by the service.</summary>
public static class AdminApi
{
    /// <summary>An access token from a fresh operator client (client_credentials, the given scopes).</summary>
    public static async Task<string> OperatorTokenAsync(this AuthApp app, params string[] scopes)
    {
        var id = $"operator-{Guid.NewGuid():N}"[..24];
        var secret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = scopes.Length > 0 ? scopes : ["admin"] });
        var response = await app.TokenAsync(AuthApp.Basic(id, secret!), ("grant_type", GrantTypes.ClientCredentials));
        var json = await AuthApp.JsonAsync(response);
        return json.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpClient> AdminHttpAsync(this AuthApp app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.OperatorTokenAsync("admin"));
        return http;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    /// <summary>Adds a client through the API and returns its envelope's data.</summary>
    public static async Task<JsonElement> AddAsync(this HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/client", body);
        var json = await AuthApp.JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("data");
    }

    public static object MachineClient(string id, params string[] scopes) => new
    {
        clientId = id,
        clientName = $"Machine {id}",
        authorizationGrantTypes = new[] { GrantTypes.ClientCredentials },
        scopes = scopes.Length > 0 ? scopes : ["trade"],
    };

    public static string[] Keys(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
