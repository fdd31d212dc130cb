namespace Auth.Api.Authorize.Pages;

/// <summary>Each scope in words, for the consent page.</summary>
public static class ScopeDescriptions
{
    private static readonly Dictionary<string, (string Title, string Detail)> Known = new(StringComparer.Ordinal)
    {
        ["openid"] = ("Know who you are", "Sign you in with your account here."),
        ["email"] = ("See your email address", "The address on your account and whether it was verified."),
        ["profile"] = ("See your profile", "Your name, username and basic account details."),
        ["history"] = ("See your trading history", "Your past orders, trades and their prices."),
        ["trade"] = ("Trade on your behalf", "Place and cancel buy and sell orders on your account."),
        ["access"] = ("Use your account", "Call the service's APIs as you."),
        ["admin"] = ("Administer the service", "Manage registered applications and their settings."),
        ["broker"] = ("Act as a broker", "Sign in users and issue tokens for them."),
    };

    public static (string Title, string Detail) Describe(string scope) =>
        Known.TryGetValue(scope, out var words) ? words : ($"Access \u201c{scope}\u201d", "A permission this application registered with us.");
}
