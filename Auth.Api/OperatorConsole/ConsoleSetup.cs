namespace Auth.Api.OperatorConsole;

public static class ConsoleSetup
{
    /// <summary>The console's session cookie (the sign-in pages' anti-forgery and data protection serve it too).</summary>
    public static IServiceCollection AddConsolePages(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, ConsoleSession.Configure);
        return services;
    }
}
