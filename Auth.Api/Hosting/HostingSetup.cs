using Auth.Api.Hosting.Health;
using Auth.Api.Hosting.Observability;
using Auth.Api.Hosting.OpenApi;
using System.Threading.RateLimiting;
using Auth.Data;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Hosting;

/// <summary>What every request and every area stands on: settings, listeners, logs, the database, health, metrics, OpenAPI.</summary>
public static class HostingSetup
{
    /// <summary>
    /// The listen addresses, logging, the settings (<see cref="AuthSettings"/>, read once here: see
    /// <see cref="Settings"/>), the management listener, transport security, known proxies, the clock,
    /// the data layer, error shapes, the rate limiter's answer, health checks, telemetry and the OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Auth")
            ?? throw new Cli.StartupException(Cli.CliServices.NoDatabase);
        if (builder.Configuration["urls"] is null)
            builder.WebHost.UseUrls(AuthSettings.DefaultUrl);
        builder.Logging.AddAuthLogging(builder.Configuration["Logging:Console:FormatterName"]);
        // Note: a failed start is reported once, as one line, by the command line; the host's own log of it carries the stack trace.
        if (!builder.Configuration.GetValue<bool>(Cli.ServeCommand.VerboseSetting))
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        if (!Auth.Core.Users.Usernames.NormalizationWorks)
            throw new InvalidOperationException("Unicode normalization is unavailable (install libicu, and do not run in globalization-invariant mode): usernames cannot be made canonical.");
        var settings = AuthSettings.From(builder.Configuration);
        builder.AddManagementListener(builder.Configuration["urls"] ?? AuthSettings.DefaultUrl);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddTransportSecurity(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddAuthData(DatabaseSetup.From(builder.Configuration, connectionString));
        services.AddHttpContextAccessor();
        services.AddKnownProxies(builder.Configuration);
        services.AddAuthHealthChecks();
        services.AddAuthTelemetry(builder.Configuration);
        services.AddProblemDetails();
        services.AddRateLimiter(options =>
        {
            // Never the limiter's default 503: a refused request is 429 with a Retry-After.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
        });
        services.AddAuthOpenApi();
        return builder;
    }

    /// <summary>The settings <see cref="AddHosting"/> read, for the areas whose registration depends on them.</summary>
    public static AuthSettings Settings(this WebApplicationBuilder builder) =>
        builder.Services.LastOrDefault(d => d.ServiceType == typeof(AuthSettings))?.ImplementationInstance as AuthSettings
        ?? throw new InvalidOperationException("AddHosting() registers the settings; call it first.");

    /// <summary><c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, <c>/openapi/v1.json</c> and (when enabled) <c>/docs</c>.</summary>
    public static WebApplication MapHostingEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapAuthOpenApi();
        app.MapApiReference(app.Configuration, app.Environment);
        return app;
    }
}
