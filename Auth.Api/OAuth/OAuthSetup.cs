using Auth.Api.Users;

namespace Auth.Api.OAuth;

public static class OAuthSetup
{
    /// <summary>
    /// What the token, PAR, introspection and revocation endpoints share: client authentication, password
    /// checks and their limits, DPoP proofs and nonces, pushed requests. Call after <see cref="Hosting.HostingSetup.AddHosting"/>.
    /// </summary>
    public static WebApplicationBuilder AddOAuth(this WebApplicationBuilder builder)
    {
        var settings = Hosting.HostingSetup.Settings(builder);
        var services = builder.Services;
        services.AddSingleton<Auth.Core.Users.IPasswordHasher>(new IdentityPasswordHasher(settings.PasswordHashIterations));
        services.AddSingleton<PasswordSignIn>();
        PasswordRateLimits.AddPasswordRateLimits(services, builder.Configuration);
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton(Dpop.FinancialGradeOptions.From(builder.Configuration));
        services.AddSingleton<Dpop.DpopNonces>();
        services.AddSingleton<Dpop.DpopProofReader>();
        services.AddSingleton<Par.PushedAuthorization>();
        return builder;
    }
}
