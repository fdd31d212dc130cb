using Microsoft.AspNetCore.Http.Metadata;

namespace Auth.Api.Admin.Envelope;

public static class EnvelopeOpenApi
{
    /// <summary>Describes, for every endpoint of a group, the enveloped error answers with these status codes.</summary>
    public static TBuilder ProducesEnvelopeErrors<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiEnvelope<object>), ["application/json"]));
        return builder;
    }
}
