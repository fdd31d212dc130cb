using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Auth.Api.Hosting.Observability;

public static class TelemetrySetup
{
    /// <summary>
    /// OpenTelemetry metrics (ours, ASP.NET Core's request-duration histograms, Npgsql's pool
    /// gauges) scraped by Prometheus at <c>/metrics</c>, and traces of requests and SQL commands
    /// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddAuthTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuthMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("auth"))
            .WithMetrics(m => m
                .AddMeter(AuthMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.RateLimiting", "Npgsql")
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/metrics")
                .AddNpgsql()
                .AddOtlpExporter());
        }
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(Hosting.ManagementListener.Scope.ManagementOnly);
        return routes;
    }
}
