using Auth.Core.Tokens;

namespace Auth.Api.Bearer;

public static class BearerSetup
{
    /// <summary>The bearer (and DPoP-bound) access-token scheme, the default one, and the scope policies.</summary>
    public static WebApplicationBuilder AddBearer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AccessTokenVerifier>();
        services.AddSingleton<Dpop.ResourceDpopCheck>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
                BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ScopePolicies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "admin"))
            .AddPolicy(ScopePolicies.Broker, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "broker"))
            .AddPolicy(ScopePolicies.OpenId, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "openid"));
        return builder;
    }
}
