using System.Text.Json.Nodes;
using Auth.Api.OAuth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>An endpoint that authenticates its caller as an OAuth client (RFC 6749 §2.3): Basic, the form, or a client assertion.</summary>
public sealed class ClientAuthenticatedMetadata
{
    public static readonly ClientAuthenticatedMetadata Instance = new();
}

/// <summary>An endpoint for a browser, signed in with the named session cookie (or none).</summary>
public sealed record BrowserSessionMetadata(string? CookieScheme);

/// <summary>A parameter the handler reads from the request itself, so no binding describes it.</summary>
public sealed record ParameterMetadata(string Name, ParameterLocation In, string Description, bool Required);

/// <summary>
/// The request body as the document shows it. Not <c>Accepts</c>: that metadata also makes routing
/// answer other content types with an empty 415, where these routes answer in their own error shape.
/// </summary>
public sealed record RequestBodyMetadata(Type Type, IReadOnlyList<string> ContentTypes);

/// <summary>An example body: of the request when <see cref="Status"/> is null, else of that response.</summary>
public sealed record ExampleMetadata(int? Status, string Name, string Summary, string Json);

/// <summary>The OpenAPI description of routes, as endpoint metadata the transformers in <see cref="OpenApiSetup"/> read.</summary>
public static class RouteDocs
{
    public const string Form = "application/x-www-form-urlencoded";
    public const string Json = "application/json";
    public const string Html = "text/html";

    /// <summary>The body is a form (RFC 6749 §3.2: the OAuth endpoints take nothing else) described by <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder FormBody<T>(this RouteHandlerBuilder builder) where T : notnull =>
        builder.Body<T>(Form);

    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder builder, params string[] contentTypes) where T : notnull =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(T), contentTypes));

    public static TBuilder ClientAuthenticated<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ClientAuthenticatedMetadata.Instance);

    /// <summary>A browser page (HTML); <paramref name="cookieScheme"/> names the session cookie scheme it requires, if any.</summary>
    public static TBuilder BrowserPage<TBuilder>(this TBuilder builder, string? cookieScheme = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BrowserSessionMetadata(cookieScheme));

    /// <summary>RFC 6749 §5.2 errors, <c>{error, error_description}</c>, with these status codes.</summary>
    public static TBuilder ProducesOAuthErrors<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(typeof(OAuthResults.ErrorBody), Json, statusCodes);

    public static TBuilder ProducesHtml<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(typeof(string), Html, statusCodes);

    /// <summary>Answers with no body (a redirect, 204, or an RFC 6750 challenge in <c>WWW-Authenticate</c>).</summary>
    public static TBuilder ProducesEmpty<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(void), []));
        return builder;
    }

    public static TBuilder Answers<TBuilder>(this TBuilder builder, Type type, string contentType, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, type, [contentType]));
        return builder;
    }

    public static TBuilder Query<TBuilder>(this TBuilder builder, string name, string description, bool required = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterMetadata(name, ParameterLocation.Query, description, required));

    public static TBuilder Header<TBuilder>(this TBuilder builder, string name, string description, bool required = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterMetadata(name, ParameterLocation.Header, description, required));

    public static TBuilder RequestExample<TBuilder>(this TBuilder builder, string name, string summary, string json) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExampleMetadata(null, name, summary, json));

    public static TBuilder ResponseExample<TBuilder>(this TBuilder builder, int status, string name, string summary, string json) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExampleMetadata(status, name, summary, json));

    /// <summary>Parses an example once, when the document is built; a broken example fails that build loudly.</summary>
    internal static JsonNode Parse(ExampleMetadata example) =>
        JsonNode.Parse(example.Json) ?? throw new InvalidOperationException($"Example {example.Name} is not JSON.");
}
