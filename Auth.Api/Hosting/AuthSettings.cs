using Auth.Core.Users;

namespace Auth.Api.Hosting;

/// <summary>The <c>Auth</c> configuration section, resolved once at startup.</summary>
public sealed class AuthSettings
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The <c>iss</c> of every token; defaults to the listen address.</summary>
    public string Issuer { get; init; } = DefaultUrl;
    /// <summary>The issuer is served over https: cookies are Secure and prefixed, HSTS is sent (<see cref="TransportSecurity"/>).</summary>
    public bool IsHttps => Issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    public int PasswordHashIterations { get; init; } = 210_000;
    /// <summary>The attempt counters (<c>Auth:Lockout:*</c>).</summary>
    public AttemptPolicy Attempts { get; init; } = AttemptPolicy.Default;
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
            Attempts = ReadAttempts(section.GetSection("Lockout")),
            KeyRefreshInterval = TimeSpan.FromSeconds(section.GetValue("Keys:RefreshSeconds", 5)),
            Session = SessionSettings.From(section.GetSection("Session")),
        };
    }

    private static AttemptPolicy ReadAttempts(IConfigurationSection lockout)
    {
        var d = AttemptPolicy.Default;
        TimeSpan Seconds(string key, TimeSpan fallback) => TimeSpan.FromSeconds(Math.Max(1, lockout.GetValue(key, fallback.TotalSeconds)));
        return new AttemptPolicy
        {
            SourceMaxFailures = Math.Max(1, lockout.GetValue("MaxFailures", d.SourceMaxFailures)),
            SourceLockFor = Seconds("LockSeconds", d.SourceLockFor),
            SourceWindow = Seconds("WindowSeconds", d.SourceWindow),
            AccountMaxFailures = Math.Max(1, lockout.GetValue("AccountMaxFailures", d.AccountMaxFailures)),
            AccountWindow = Seconds("AccountWindowSeconds", d.AccountWindow),
            AccountSlowdown = Seconds("AccountSlowdownSeconds", d.AccountSlowdown),
            Lease = Seconds("LeaseSeconds", d.Lease),
            MaxWait = TimeSpan.FromMilliseconds(Math.Max(0, lockout.GetValue("MaxWaitMilliseconds", d.MaxWait.TotalMilliseconds))),
            FamiliarFor = Seconds("FamiliarSourceSeconds", d.FamiliarFor),
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
