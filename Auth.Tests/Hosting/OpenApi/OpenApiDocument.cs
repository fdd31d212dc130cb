using System.Net;
using System.Text.Json;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.OpenApi;

/// <summary>The service's OpenAPI document, as the OpenAPI tests read it.</summary>
internal static class OpenApiDocument
{
    public const string Path = "/openapi/v1.json";

    /// <summary>The document, after checking it is answered with 200.</summary>
    public static async Task<JsonElement> GetAsync(AuthApp app)
    {
        var response = await app.CreateClient().GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthApp.JsonAsync(response);
    }
}
