using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>
/// The OpenAPI document of the whole service at <c>/openapi/v1.json</c> (ASP.NET Core's own generator),
/// completed from endpoint metadata (<see cref="RouteDocs"/>): security per route, parameters the
/// handlers read themselves, and examples taken from the seed documents.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string BearerScheme = "bearer";
    public const string DpopScheme = "dpop";
    public const string BasicScheme = "basic";

    public static IServiceCollection AddAuthOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = SchemaName;
            options.AddDocumentTransformer((document, context, _) =>
            {
                DocumentDescription.Apply(document, context.ApplicationServices.GetRequiredService<Hosting.AuthSettings>().Issuer);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellation) =>
            {
                var description = context.Description;
                var metadata = description.ActionDescriptor.EndpointMetadata;
                operation.OperationId ??= OperationId(description.HttpMethod ?? "get", description.RelativePath ?? "");
                operation.Security = SecurityOf(metadata, context.Document);
                if (metadata.OfType<RequestBodyMetadata>().FirstOrDefault() is { } body)
                    await OperationDetails.SetBodyAsync(operation, context, body, cancellation);
                OperationDetails.AddParameters(operation, metadata.OfType<ParameterMetadata>());
                OperationDetails.AddExamples(operation, metadata.OfType<ExampleMetadata>());
            });
        });

    public static IEndpointRouteBuilder MapAuthOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath);
        return routes;
    }

    /// <summary>
    /// Who may call: a bearer (or DPoP-bound) access token, a client's credentials, a browser session,
    /// or anyone (an empty requirement). OpenAPI has no scheme type for credentials in a form body, so a
    /// client-authenticated route offers Basic or the empty requirement: <c>client_secret_post</c>,
    /// <c>private_key_jwt</c> and public clients send their credentials in the form, whose schema has the fields.
    /// </summary>
    private static List<OpenApiSecurityRequirement> SecurityOf(IList<object> metadata, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
            return [Requirement(BearerScheme), Requirement(DpopScheme)];
        if (metadata.OfType<ClientAuthenticatedMetadata>().Any())
            return [Requirement(BasicScheme), new OpenApiSecurityRequirement()];
        if (metadata.OfType<BrowserSessionMetadata>().FirstOrDefault() is { CookieScheme: { } cookie })
            return [Requirement(cookie)];
        return [new OpenApiSecurityRequirement()];
    }

    /// <summary>Nested answer types share short names (two <c>ErrorBody</c>s): each gets its API's name.</summary>
    private static string? SchemaName(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) =>
        type.Type == typeof(OAuth.OAuthResults.ErrorBody) ? "OAuthError"
        : type.Type == typeof(OAuth.OAuthResults.TokenBody) ? "TokenResponse"
        : type.Type == typeof(Broker.BrokerResults.ErrorBody) ? "BrokerError"
        : type.Type.DeclaringType == typeof(Broker.BrokerEndpoints) ? "Broker" + type.Type.Name
        : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    /// <summary><c>POST oauth/token</c> becomes <c>postOauthToken</c>; <c>{id}</c> becomes <c>ById</c>.</summary>
    internal static string OperationId(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.StartsWith('{') ? "By" + Pascal(s.Trim('{', '}').Split(':')[0]) : Pascal(s));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string segment) =>
        string.Concat(segment.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
