using System.Text.Json;

namespace Auth.Api.Admin.Envelope;

/// <summary>
/// Reads a JSON request body with a size limit. Malformed JSON, wrong value types and oversized
/// bodies become a 400 envelope instead of the framework's bare 400 or a 500.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body as <typeparamref name="T"/>, or the 400 answer to give instead.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes) where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, EnvelopeResults.BadRequest($"The body exceeds {maxBytes} bytes."));
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, EnvelopeResults.BadRequest("The body must be application/json."));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return (null, EnvelopeResults.BadRequest($"The body exceeds {maxBytes} bytes."));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return (null, EnvelopeResults.BadRequest("The body could not be read."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, EnvelopeResults.BadRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            // Note: the path names the field (e.g. $.enabled) and never echoes the value sent.
            return (null, EnvelopeResults.BadRequest($"The body is not valid JSON for this request (at {e.Path ?? "$"})."));
        }
    }
}
