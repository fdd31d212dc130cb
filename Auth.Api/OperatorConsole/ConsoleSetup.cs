namespace Auth.Api.OperatorConsole;

public static class ConsoleSetup
{
    /// <summary>The console's session cookie (the sign-in pages' anti-forgery and data protection serve it too).</summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(ConsoleSession.Scheme, ConsoleSession.Configure);
        return builder;
    }
}
