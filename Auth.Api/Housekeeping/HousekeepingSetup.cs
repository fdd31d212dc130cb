namespace Auth.Api.Housekeeping;

public static class HousekeepingSetup
{
    /// <summary>The expired-token sweeper, resolvable as itself (for tests and tools) and run as a hosted service.</summary>
    public static IServiceCollection AddHousekeeping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(HousekeepingSettings.From(configuration));
        services.AddSingleton<ExpiredTokenSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredTokenSweeper>());
        return services;
    }
}
