namespace Auth.Api.Hosting;

/// <summary>The most a route reads of a request body, declared with <see cref="BodyLimitExtensions.WithBodyLimit{T}"/>.</summary>
public sealed record BodyLimit(int MaxBytes);

public static class BodyLimitExtensions
{
    /// <summary>A body over <paramref name="maxBytes"/> is refused with 413, declared length or not (chunked).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, int maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));
}
