namespace Auth.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Logs go to stderr. ASP.NET Core's own request lines carry query strings (tokens, codes,
    /// secrets), so its hosting and routing categories are held at Warning and
    /// <see cref="RequestLogMiddleware"/> writes a path-only line instead.
    /// </summary>
    /// <param name="formatter"><c>json</c> (default: structured, with the request id of each line) or <c>simple</c> (one readable line per event).</param>
    public static ILoggingBuilder AddAuthLogging(this ILoggingBuilder logging, string? formatter = null)
    {
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.LogToStandardErrorThreshold = LogLevel.Trace;
            o.FormatterName = formatter ?? "json";
        });
        // Note: Configure, not AddJsonConsole/AddSimpleConsole, which would each also pick the formatter.
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        // Note: simple (dev, commands) is for people: one line per event, without the request scopes.
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning);
        return logging;
    }
}
