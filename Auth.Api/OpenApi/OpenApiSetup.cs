using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// The OpenAPI document of the whole service at <c>/openapi/v1.json</c> (ASP.NET Core's own generator),
/// with two security schemes: <c>bearer</c> (our access tokens, on every endpoint that requires
/// authorization) and <c>basic</c> (client credentials, on the client-authenticated OAuth endpoints).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string BearerScheme = "bearer";
    public const string BasicScheme = "basic";
    private static readonly string[] ClientAuthenticatedPaths = ["/oauth/token", "/introspect", "/revoke", "/v1/oauth/"];

    public static IServiceCollection AddAuthOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Auth: OAuth 2.0 token service";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token of this service; the admin API needs scope admin.",
                };
                document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "basic",
                    Description = "client_id and client_secret (client_secret_basic, RFC 6749 §2.3.1).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var path = "/" + (context.Description.RelativePath ?? "");
                var scheme = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any() ? BearerScheme
                    : ClientAuthenticatedPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? BasicScheme
                    : null;
                if (scheme is not null)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
                }
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapAuthOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath);
        return routes;
    }
}
