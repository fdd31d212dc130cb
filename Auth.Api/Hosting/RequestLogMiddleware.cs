using System.Diagnostics;

namespace Auth.Api.Hosting;

/// <summary>One line per request: method, path (never the query string), status, duration.</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("{Method} {Path} {Status} {ElapsedMs:0.0} ms", http.Request.Method, http.Request.Path.Value,
                    http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
