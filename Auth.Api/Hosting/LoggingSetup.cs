namespace Auth.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Logs go to stderr. ASP.NET Core's own request lines carry query strings (tokens, codes,
    /// secrets), so its hosting and routing categories are held at Warning and
    /// <see cref="RequestLogMiddleware"/> writes a path-only line instead.
    /// </summary>
    public static ILoggingBuilder AddAuthLogging(this ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning);
        return logging;
    }
}
