using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Auth.Api.Cli;

/// <summary>Posts a form to the running service's token endpoint as a client, for the <c>perform</c> commands.</summary>
public sealed class TokenEndpointClient(Uri issuer, string clientId, string? clientSecret) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = issuer, Timeout = TimeSpan.FromSeconds(30) };

    public Uri Issuer => issuer;
    public string ClientId => clientId;

    /// <summary>The token response as JSON; an OAuth error answer is a <see cref="CliRefusal"/> naming the error.</summary>
    public async Task<JsonElement> PostAsync(IEnumerable<KeyValuePair<string, string>> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token");
        var fields = form.ToList();
        if (clientSecret is null)
            fields.Add(new("client_id", clientId));
        else
            // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        request.Content = new FormUrlEncodedContent(fields);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new CliRefusal($"cannot reach the service at {issuer} ({e.Message}); is it running? (--issuer names it)");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliRefusal($"the token endpoint at {issuer} answered {(int)response.StatusCode} without JSON.");
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = json.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}";
                var description = json.TryGetProperty("error_description", out var d) ? $": {d.GetString()}" : "";
                throw new CliRefusal($"the token endpoint refused: {error}{description}");
            }
            return json;
        }
    }

    public void Dispose() => _http.Dispose();
}
