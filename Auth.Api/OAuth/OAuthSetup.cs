using System.Threading.RateLimiting;
using Auth.Api.OAuth;
using Auth.Api.Users;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Hosting;

public static class ApiSetup
{
    /// <summary>
    /// The token, PAR and DPoP endpoints' services (password checks, client authentication, DPoP
    /// proofs and nonces, pushed requests) and the rate limiter. Call after <see cref="HostingSetup.AddHosting"/>.
    /// </summary>
    public static WebApplicationBuilder AddAuthApi(this WebApplicationBuilder builder)
    {
        var settings = builder.Settings();
        var services = builder.Services;
        services.AddSingleton<Auth.Core.Users.IPasswordHasher>(new IdentityPasswordHasher(settings.PasswordHashIterations));
        services.AddSingleton<PasswordSignIn>();
        PasswordRateLimits.AddPasswordRateLimits(services, builder.Configuration);
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton(Dpop.FinancialGradeOptions.From(builder.Configuration));
        services.AddSingleton<Dpop.DpopNonces>();
        services.AddSingleton<Dpop.DpopProofReader>();
        services.AddSingleton<Par.PushedAuthorization>();
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
