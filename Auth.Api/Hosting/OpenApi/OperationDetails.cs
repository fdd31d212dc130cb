using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>Adds to an operation what its metadata says and the generator cannot see: hand-read parameters and examples.</summary>
internal static class OperationDetails
{
    /// <summary>The body's schema goes to the components under its type's name, and the operation refers to it.</summary>
    public static async Task SetBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, RequestBodyMetadata body, CancellationToken cancellation)
    {
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellation);
        var document = context.Document ?? throw new InvalidOperationException("No document to add the body's schema to.");
        document.AddComponent(body.Type.Name, schema);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = body.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = new OpenApiSchemaReference(body.Type.Name, document) }),
        };
    }

    public static void AddParameters(OpenApiOperation operation, IEnumerable<ParameterMetadata> parameters)
    {
        foreach (var p in parameters)
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(existing => existing.Name == p.Name && existing.In == p.In))
                continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name,
                In = p.In,
                Description = p.Description,
                Required = p.Required,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    public static void AddExamples(OpenApiOperation operation, IEnumerable<ExampleMetadata> examples)
    {
        foreach (var example in examples)
        {
            var content = example.Status is { } status
                ? operation.Responses?.TryGetValue(status.ToString(), out var response) == true ? response.Content : null
                : operation.RequestBody?.Content;
            if (content is null || content.Count == 0)
                throw new InvalidOperationException($"Example {example.Name} of {operation.OperationId} has no body to go with.");
            foreach (var media in content.Values)
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[example.Name] = new OpenApiExample { Summary = example.Summary, Value = RouteDocs.Parse(example) };
            }
        }
    }
}
