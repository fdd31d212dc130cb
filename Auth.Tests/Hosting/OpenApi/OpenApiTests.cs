using System.Text.Json;
using System.Text.RegularExpressions;
using Auth.Api.Hosting.OpenApi;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Auth.Tests.Hosting.OpenApi;

public sealed partial class OpenApiTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task TheDocument_DescribesEveryMappedApiRoute()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var routes = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: OpenApiPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();

        Assert.Contains(routes, r => r.Path == "/api/v1/auth/client");
        Assert.Contains(routes, r => r.Path == "/api/v1/apps/{clientId}/approve");
        Assert.All(routes, r => Assert.True(
            paths.TryGetProperty(r.Path, out var item) && item.TryGetProperty(r.Method, out _), $"{r.Method} {r.Path} is not described"));
    }

    [Fact]
    public async Task TheDocument_DeclaresBearerAndBasic_AndTheAdminApiRequiresBearer()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty(OpenApiSetup.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal("basic", schemes.GetProperty(OpenApiSetup.BasicScheme).GetProperty("scheme").GetString());
        var list = document.GetProperty("paths").GetProperty("/api/v1/auth/client").GetProperty("get");
        Assert.True(list.GetProperty("security")[0].TryGetProperty(OpenApiSetup.BearerScheme, out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ClientRequest", out _));
    }

    private Task<JsonElement> DocumentAsync() => OpenApiDocument.GetAsync(app);

    /// <summary>A route template as OpenAPI writes it: leading slash, no constraints, defaults or catch-all marks.</summary>
    private static string OpenApiPath(string template) =>
        "/" + RouteParameter().Replace(template.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
