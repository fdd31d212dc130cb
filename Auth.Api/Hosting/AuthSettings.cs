using Auth.Core.Users;

namespace Auth.Api.Hosting;

/// <summary>The <c>Auth</c> configuration section, resolved once at startup.</summary>
public sealed class AuthSettings
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The <c>iss</c> of every token; defaults to the listen address.</summary>
    public string Issuer { get; init; } = DefaultUrl;
    public int PasswordHashIterations { get; init; } = 210_000;
    public LockoutPolicy Lockout { get; init; } = LockoutPolicy.Default;
    /// <summary>How often each instance reloads the signing keys (a rotation is picked up within this).</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The browser sign-in session (<c>Auth:Session</c>).</summary>
    public SessionSettings Session { get; init; } = new();

    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth");
        var listen = (configuration["urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return new AuthSettings
        {
            Issuer = (section["Issuer"] ?? listen).TrimEnd('/'),
            PasswordHashIterations = section.GetValue("PasswordHashIterations", 210_000),
            Lockout = new LockoutPolicy(
                section.GetValue("Lockout:MaxFailures", LockoutPolicy.Default.MaxFailures),
                TimeSpan.FromSeconds(section.GetValue("Lockout:LockSeconds", (int)LockoutPolicy.Default.LockFor.TotalSeconds))),
            KeyRefreshInterval = TimeSpan.FromSeconds(section.GetValue("Keys:RefreshSeconds", 5)),
            Session = SessionSettings.From(section.GetSection("Session")),
        };
    }
}

/// <summary>
/// How long a browser stays signed in: idle time slides with use, the lifetime bounds it (the
/// defaults are Keycloak's SSO idle and max); whether signing out also revokes the user's tokens.
/// </summary>
public sealed record SessionSettings
{
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(10);
    public bool RevokeTokensOnSignOut { get; init; }

    public static SessionSettings From(IConfigurationSection section)
    {
        var defaults = new SessionSettings();
        return new SessionSettings
        {
            IdleTimeout = TimeSpan.FromSeconds(section.GetValue("IdleSeconds", (int)defaults.IdleTimeout.TotalSeconds)),
            Lifetime = TimeSpan.FromSeconds(section.GetValue("LifetimeSeconds", (int)defaults.Lifetime.TotalSeconds)),
            RevokeTokensOnSignOut = section.GetValue("RevokeTokensOnSignOut", false),
        };
    }
}
