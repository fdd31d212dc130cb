using System.Globalization;

namespace Auth.Api.Admin.Envelope;

/// <summary>Builds enveloped answers; the one place their status codes and cache headers are set.</summary>
public static class EnvelopeResults
{
    private static readonly IReadOnlyDictionary<string, object?> NoExt = new Dictionary<string, object?>();

    public static IResult Ok<T>(T data) => new EnvelopeResult<T>(StatusCodes.Status200OK, ApiCodes.Ok, "Success", data, NoExt);

    public static IResult Error(int status, string code, string msg, IReadOnlyDictionary<string, object?>? ext = null) =>
        new EnvelopeResult<object>(status, code, msg, null, ext ?? NoExt);

    public static IResult BadRequest(string msg) => Error(StatusCodes.Status400BadRequest, ApiCodes.InvalidRequest, msg);

    /// <summary>400 listing every field error at once, keyed by the field's JSON name.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Error(StatusCodes.Status400BadRequest, ApiCodes.ValidationFailed, "The request has invalid fields.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult NotFound(string msg) => Error(StatusCodes.Status404NotFound, ApiCodes.NotFound, msg);

    public static IResult Conflict(string code, string msg) => Error(StatusCodes.Status409Conflict, code, msg);

    /// <summary>Writes an envelope straight to a response (for answers produced outside an endpoint).</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string msg) =>
        Error(status, code, msg).ExecuteAsync(http);

    private sealed class EnvelopeResult<T>(int status, string code, string msg, T? data, IReadOnlyDictionary<string, object?> ext) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            http.Response.StatusCode = status;
            // Note: an answer may carry a secret shown once; nothing here may be cached.
            http.Response.Headers.CacheControl = "no-store";
            var body = new ApiEnvelope<T>(code, msg, data, now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture), ext);
            return http.Response.WriteAsJsonAsync(body);
        }
    }
}
