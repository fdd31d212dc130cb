using System.Threading.RateLimiting;
using Auth.Api.Authorize;
using Auth.Api.Authorize.Pages;
using Auth.Api.ClientAdmin;
using Auth.Api.OperatorConsole;
using Auth.Api.Bearer;
using Auth.Api.Clients;
using Auth.Api.Health;
using Auth.Api.Housekeeping;
using Auth.Api.Envelope;
using Auth.Api.Keys;
using Auth.Api.Observability;
using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Api.Registration;
using Auth.Api.Users;
using Auth.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Hosting;

public static class ApiSetup
{
    /// <summary>Everything the web host needs beyond the data layer.</summary>
    public static WebApplicationBuilder AddAuthApi(this WebApplicationBuilder builder)
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
        services.AddSingleton<Auth.Core.Users.IPasswordHasher>(new IdentityPasswordHasher(settings.PasswordHashIterations));
        services.AddHttpContextAccessor();
        services.AddSingleton<PasswordSignIn>();
        PasswordRateLimits.AddPasswordRateLimits(services, builder.Configuration);
        services.AddKnownProxies(builder.Configuration);
        services.AddSigningKeys(builder.Configuration);
        services.AddSingleton<ClientCache>();
        services.AddHostedService<ClientChangeListener>();
        services.AddHousekeeping(builder.Configuration);
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton(Dpop.FinancialGradeOptions.From(builder.Configuration));
        services.AddSingleton<Dpop.DpopNonces>();
        services.AddSingleton<Dpop.DpopProofReader>();
        services.AddSingleton<Par.PushedAuthorization>();
        services.AddBearerAuthentication();
        services.AddAuthorizePages(settings);
        services.AddSingleton(Branding.From(builder.Configuration));
        services.AddSingleton<ClientAdministration>();
        services.AddConsolePages();
        services.AddAuthHealthChecks();
        services.AddAuthTelemetry(builder.Configuration);
        services.AddProblemDetails();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EnvelopeAuthorizationResultHandler>();
        services.AddAuthOpenApi();
        RegistrationSettings.AddRegistration(services, builder.Configuration);
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
        return builder;
    }
}
