using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Auth.Api.Hosting;

/// <summary>
/// <c>Auth:KnownProxies</c> (addresses or CIDR blocks, comma-separated): only requests from these
/// have their <c>X-Forwarded-For</c>/<c>-Proto</c> honoured, so the address that attempt counters and
/// rate limits see, and the scheme that decides HSTS, cannot be set by the client itself.
/// </summary>
public static class KnownProxies
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = (configuration["Auth:KnownProxies"] ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Note: after every other configuration, since ASPNETCORE_FORWARDEDHEADERS_ENABLED=true
        // empties both lists, and empty lists make the middleware trust every sender.
        services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardedHeaders = entries.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
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
