using Auth.Core.Tokens;

namespace Auth.Api.Bearer;

/// <summary>Scope policies for endpoints protected by our own access tokens.</summary>
public static class ScopePolicies
{
    public const string Admin = "scope:admin";
    public const string Broker = "scope:broker";
    public const string OpenId = "scope:openid";

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<AccessTokenVerifier>();
        services.AddSingleton<Dpop.ResourceDpopCheck>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
                BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "admin"))
            .AddPolicy(Broker, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "broker"))
            .AddPolicy(OpenId, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Scope, "openid"));
        return services;
    }
}
