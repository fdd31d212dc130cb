namespace Auth.Api.Registration;

/// <summary>
/// The <c>Auth:Registration</c> section: the scopes and audiences every registered app starts with
/// (an admin may change them later), and the limit on the open registration endpoint, per IPv4 address or IPv6 /64.
/// </summary>
public sealed class RegistrationSettings
{
    public const string RateLimitPolicy = "registration";

    public IReadOnlyList<string> DefaultScopes { get; init; } = ["profile", "history", "trade"];
    public IReadOnlyList<string> DefaultAudiences { get; init; } = [];
    public int PermitLimit { get; init; } = 10;
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    public static RegistrationSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth:Registration");
        var defaults = new RegistrationSettings();
        return new RegistrationSettings
        {
            DefaultScopes = List(section.GetSection("DefaultScopes")) ?? defaults.DefaultScopes,
            DefaultAudiences = List(section.GetSection("DefaultAudiences")) ?? defaults.DefaultAudiences,
            PermitLimit = section.GetValue("RateLimit:PermitLimit", defaults.PermitLimit),
            Window = TimeSpan.FromSeconds(section.GetValue("RateLimit:WindowSeconds", (int)defaults.Window.TotalSeconds)),
        };
    }

    /// <summary>A list given as array entries (<c>DefaultScopes:0</c>) or as one comma- or space-separated value.</summary>
    private static IReadOnlyList<string>? List(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        if (items.Length > 0)
            return items;
        return section.Value?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
