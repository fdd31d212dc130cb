namespace Auth.Tests.Registration;

/// <summary>Registration bodies: the request example of document 000, with a chosen appCodeName and grants.</summary>
public static class RegistrationBodies
{
    public const string Path = "/api/v1/apps/register";

    public static Dictionary<string, object?> DocumentExample(string? appCodeName = null, string[]? grantTypes = null) => new()
    {
        ["companyName"] = "老指引; Tiger Securities; 向上一心科技有限公司; US TIGER SECURITIES, INC.",
        ["companyInfo"] = "A leading financial technology platform providing comprehensive investment services.",
        ["homepageUrl"] = "https://www.tiger.com",
        ["contactInfo"] = new Dictionary<string, object?> { ["name"] = "John Doe", ["phone"] = "+1234567890", ["email"] = "john.doe@example.com" },
        ["appCodeName"] = appCodeName ?? $"my-trading-app.{Guid.NewGuid():N}"[..30],
        ["appName"] = "My Trading App",
        ["appDescription"] = "An application for seamless trading and portfolio management.",
        ["appLogo"] = "https://example.com/logo.png",
        ["redirectUris"] = new[] { "https://my-app.com/callback" },
        ["grantTypes"] = grantTypes ?? ["authorization_code", "refresh_token"],
        ["responseTypes"] = new[] { "code" },
        ["authMethod"] = "Secret Basic",
    };
}
