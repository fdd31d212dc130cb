using Auth.Api.Authorize;
using Auth.Api.OperatorConsole;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Auth.Api.Hosting;

/// <summary>
/// Under an https issuer: every cookie is <c>Secure</c>, whatever the scheme of the hop in front of
/// the service, and named with the <c>__Host-</c> prefix (path <c>/</c>, no domain) or, for the
/// console's <c>/console</c> cookie, <c>__Secure-</c>; and https answers carry
/// <c>Strict-Transport-Security</c> (RFC 6797). Under an http issuer (development) nothing changes.
/// </summary>
public static class TransportSecurity
{
    private static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>The browser pages: they set Secure cookies, which anti-forgery refuses to do over plain http.</summary>
    private static readonly PathString[] Pages = ["/oauth/authorize", "/oauth/logout", "/account", "/console"];

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, AuthSettings settings)
    {
        if (!settings.IsHttps)
            return services;
        foreach (var scheme in new[] { SignInCookie.Scheme, ConsoleSession.Scheme })
            services.PostConfigure<CookieAuthenticationOptions>(scheme, options => Harden(options.Cookie));
        services.PostConfigure<AntiforgeryOptions>(options => Harden(options.Cookie));
        // Note: not includeSubDomains: other hosts of the operator's domain may not serve https.
        services.AddHsts(options => options.MaxAge = HstsMaxAge);
        return services;
    }

    /// <summary>
    /// RFC 6797 §7.2: the header only on answers over https (after <c>X-Forwarded-Proto</c> from a
    /// known proxy). Note: ASP.NET Core leaves it off for localhost, 127.0.0.1 and [::1]. A page
    /// reached over plain http (TLS ended at a proxy that is not in <c>Auth:KnownProxies</c>) gets
    /// 400 with the reason, not anti-forgery's 500.
    /// </summary>
    public static IApplicationBuilder UseTransportSecurity(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<AuthSettings>().IsHttps)
            return app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransportSecurity));
        app.UseHsts();
        return app.Use(async (http, next) =>
        {
            if (http.Request.IsHttps || !Pages.Any(page => http.Request.Path.StartsWithSegments(page)))
            {
                await next(http);
                return;
            }
            logger.LogWarning("A page was requested over plain http under an https issuer: serve TLS, or list the proxy that ends it in Auth:KnownProxies.");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("This page is served over https only.");
        });
    }

    /// <summary>RFC 6265bis §4.1.3: <c>__Host-</c> needs Secure, no Domain and Path=/; <c>__Secure-</c> needs Secure.</summary>
    private static void Harden(CookieBuilder cookie)
    {
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        var prefix = cookie.Path == "/" && cookie.Domain is null ? "__Host-" : "__Secure-";
        if (cookie.Name is { } name && !name.StartsWith("__", StringComparison.Ordinal))
            cookie.Name = prefix + name;
    }
}
