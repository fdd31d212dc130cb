using Scalar.AspNetCore;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>
/// The interactive API reference (Scalar) at <c>/docs</c>, over <c>/openapi/v1.json</c>. On in the
/// Development environment and under <c>dev</c>; elsewhere only when <c>Auth:ApiReference</c> is true,
/// since a production service need not advertise its routes to browsers.
/// </summary>
public static class ApiReference
{
    public const string Setting = "Auth:ApiReference";
    public const string Path = "/docs";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue(Setting, environment.IsDevelopment());

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder routes, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!IsEnabled(configuration, environment))
            return routes;
        routes.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Auth: API reference");
            options.WithOpenApiRoutePattern(OpenApiSetup.DocumentPath);
        });
        return routes;
    }
}
