using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Auth.Api.Hosting;

/// <summary>
/// <c>Auth:KnownProxies</c> (addresses or CIDR blocks, comma-separated): only requests from these
/// have their <c>X-Forwarded-For</c>/<c>-Proto</c> honoured, so the address that attempt counters and
/// rate limits see cannot be set by the client itself.
/// </summary>
public static class KnownProxies
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = (configuration["Auth:KnownProxies"] ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
            return services;
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Note: only the configured proxies, not the defaults (which trust all of loopback).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in entries)
            {
                if (entry.Contains('/'))
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                else
                    options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseKnownProxies(this WebApplication app) =>
        app.Configuration["Auth:KnownProxies"] is { Length: > 0 } ? app.UseForwardedHeaders() : app;
}
