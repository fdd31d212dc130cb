using Auth.Api.Admin.Clients;
using Auth.Api.Admin.Envelope;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Admin;

public static class AdminSetup
{
    /// <summary>
    /// The client cache (kept fresh by <see cref="ClientChangeListener"/>), the administration the
    /// admin API and the command line share, and the envelope answer for a refused admin call.
    /// </summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ClientCache>();
        services.AddHostedService<ClientChangeListener>();
        services.AddSingleton<ClientAdministration>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EnvelopeAuthorizationResultHandler>();
        return builder;
    }
}
