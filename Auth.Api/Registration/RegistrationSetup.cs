using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Registration;

public static class RegistrationSetup
{
    /// <summary>Registers the settings and the per-address rate limit policy of the registration endpoint.</summary>
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        var settings = RegistrationSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<RateLimiterOptions>(options => options.AddPolicy(RegistrationSettings.RateLimitPolicy, http =>
            RateLimitPartition.GetFixedWindowLimiter(
                Users.ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 })));
        return builder;
    }
}
