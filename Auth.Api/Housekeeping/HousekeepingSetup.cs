namespace Auth.Api.Housekeeping;

public static class HousekeepingSetup
{
    /// <summary>The expired-token sweeper, resolvable as itself (for tests and tools) and run as a hosted service.</summary>
    public static WebApplicationBuilder AddHousekeeping(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(HousekeepingSettings.From(builder.Configuration));
        services.AddSingleton<ExpiredTokenSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredTokenSweeper>());
        return builder;
    }
}
