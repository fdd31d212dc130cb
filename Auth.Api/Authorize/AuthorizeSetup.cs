using Auth.Api.Hosting;
using Auth.Data.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Auth.Api.Authorize;

public static class AuthorizeSetup
{
    /// <summary>The sign-in and consent pages (see <see cref="AddAuthorizePages"/>) and their branding.</summary>
    public static WebApplicationBuilder AddAuthorize(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizePages(builder.Settings());
        builder.Services.AddSingleton(Pages.Branding.From(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// The sign-in and consent pages' services: the sign-in cookie, anti-forgery, and the
    /// data-protection key ring (which protects both) kept in PostgreSQL so that several
    /// instances sharing one database read each other's cookies.
    /// </summary>
    private static IServiceCollection AddAuthorizePages(this IServiceCollection services, AuthSettings settings)
    {
        services.AddDataProtection().SetApplicationName("auth-service");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeyStore>((options, store) => options.XmlRepository = store);

        services.AddAuthentication().AddCookie(SignInCookie.Scheme, options =>
        {
            options.Cookie.Name = SignInCookie.Name;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the page is served over https.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Note: "/" so the connected-apps page (/account) shares the sign-in; the console keeps its own cookie.
            options.Cookie.Path = "/";
            // Note: the cookie lives as long as a session may; the session's row decides whether it still counts.
            options.ExpireTimeSpan = settings.Session.Lifetime;
            options.SlidingExpiration = false;
            // Note: the pages decide what an anonymous visitor sees; the handler never redirects on its own.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "auth.antiforgery";
            // Note: "/" so the connected-apps page (/account) shares the sign-in; the console keeps its own cookie.
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__RequestVerificationToken";
            // Note: the pages send X-Frame-Options: DENY themselves (stricter than the default SAMEORIGIN).
            options.SuppressXFrameOptionsHeader = true;
        });

        services.AddSingleton<CodeIssuer>();
        services.AddSingleton<SignInCookie>();
        return services;
    }
}
