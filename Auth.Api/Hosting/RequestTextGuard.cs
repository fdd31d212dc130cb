using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.Hosting;

/// <summary>
/// Refuses, once for every route and before any endpoint reads it, a request whose path, query or
/// body (JSON or form) holds text PostgreSQL cannot store (<see cref="StorableText"/>): 400 in the
/// route's shape. Also holds a route's <see cref="BodyLimit"/>: a longer body, declared or chunked,
/// is 413 and is not read past the limit.
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    /// <summary>The most read of a body to scan it on a route without a limit of its own (the largest any route takes).</summary>
    private const int DefaultScanBytes = Admin.Envelope.JsonBody.DefaultMaxBytes;

    private const string Unstorable = "The request contains a NUL character or text that is not valid UTF-8.";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var rawPath = rawTarget is { Length: > 0 } ? rawTarget.Split('?', 2)[0] : request.Path.ToUriComponent();
        if (!StorableText.IsStorableEncoded(rawPath) || !StorableText.IsStorable(request.Path.Value ?? "")
            || !StorableText.IsStorableEncoded(request.QueryString.Value ?? "")
            || request.Query.Any(q => !StorableText.IsStorable(q.Key) || q.Value.Any(v => !StorableText.IsStorable(v ?? ""))))
        {
            await ErrorHandling.Refusal(request.Path, StatusCodes.Status400BadRequest, Unstorable).ExecuteAsync(http);
            return;
        }

        var limit = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(http, limit.Value);
            return;
        }
        if (limit is not null && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        var kind = BodyKind(request);
        if (kind is not null || limit is not null)
        {
            var (body, complete) = await ReadAsync(request, limit ?? DefaultScanBytes);
            if (!complete && limit is not null)
            {
                await TooLargeAsync(http, limit.Value);
                return;
            }
            // Note: a body over the scan size is left to the endpoint, whose own limit refuses it.
            var storable = !complete || kind switch
            {
                "json" => StorableText.IsStorableJson(body.Span),
                "form" => StorableText.IsStorableEncoded(body.Span),
                _ => true,
            };
            if (!storable)
            {
                await ErrorHandling.Refusal(request.Path, StatusCodes.Status400BadRequest, Unstorable).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }

    private static string? BodyKind(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
            return null;
        if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return "json";
        return type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? "form" : null;
    }

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes and rewinds, so the endpoint reads the body again.</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, bool Complete)> ReadAsync(HttpRequest request, int max)
    {
        request.EnableBuffering();
        var buffer = new byte[Math.Min(max + 1, 16 * 1024)];
        using var body = new MemoryStream();
        var complete = true;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max + 1 - body.Length)), request.HttpContext.RequestAborted)) > 0)
            {
                body.Write(buffer, 0, read);
                if (body.Length > max)
                {
                    complete = false;
                    break;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            complete = false;
        }
        request.Body.Position = 0;
        return (body.ToArray(), complete);
    }

    private static Task TooLargeAsync(HttpContext http, int limit) =>
        ErrorHandling.Refusal(http.Request.Path, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {limit} bytes.").ExecuteAsync(http);
}
