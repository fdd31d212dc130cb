using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Auth.Api.Authorize.Pages;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Auth.Tests.OperatorConsole;
using Microsoft.Extensions.Configuration;

namespace Auth.Tests.Browser;

/// <summary>The service with a brand of its own.</summary>
public sealed class BrandedApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Auth:Branding:ProductName", "Northwind Invest"),
        new("Auth:Branding:PrimaryColor", "#7A1F5C"),
        new("Auth:Branding:LogoUrl", "https://cdn.northwind.example/logo.svg"),
        new("Auth:Branding:PrivacyUrl", "https://northwind.example/privacy"),
        new("Auth:Branding:HelpUrl", "/help"),
    ];
}

/// <summary>Branding from configuration on every page, and the consent page naming the app's publisher.</summary>
public sealed partial class BrandingTests(BrandedApp app) : IClassFixture<BrandedApp>
{
    [Fact]
    public async Task EveryPage_CarriesTheConfiguredBrand_AndItsStyleIsAllowedByTheCsp()
    {
        var (clientId, _, _) = await app.RegisterAppAsync("Ledger Lens");
        await app.Service<ClientAdministration>().DecideAsync(clientId, approve: true, new AuditActor("test", null));

        foreach (var path in new[] { "/oauth/authorize" + CodeFlow.Query(clientId), "/console", "/account/apps" })
        {
            var page = await app.CreateClient().GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("· Northwind Invest</title>", html);
            Assert.Contains("<img class=\"logo\" src=\"https://cdn.northwind.example/logo.svg\" alt=\"\">", html);
            Assert.Contains("<a href=\"https://northwind.example/privacy\">Privacy</a>", html);
            Assert.Contains("<a href=\"/help\">Help</a>", html);
            var css = Style().Match(html).Groups[1].Value;
            Assert.Contains("--brand:#7a1f5c", css);
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains($"style-src 'sha256-{hash}'", policy);
            Assert.Contains("img-src 'self' data: https://cdn.northwind.example", policy);
        }
    }

    [Fact]
    public async Task Consent_NamesTheAppsPublisher()
    {
        var (clientId, _, _) = await app.RegisterAppAsync("Ledger Lens");
        await app.Service<ClientAdministration>().DecideAsync(clientId, approve: true, new AuditActor("test", null));
        var (_, username) = await app.AddPlainUserAsync();
        var flow = new CodeFlow(app);
        var query = CodeFlow.Query(clientId);
        Assert.Equal(HttpStatusCode.SeeOther, (await flow.SignInAsync(query, username, ConsoleUsers.Password)).StatusCode);

        var html = await (await flow.AuthorizeAsync(query)).Content.ReadAsStringAsync();

        Assert.Contains("Published by <strong>Northwind Securities</strong> · <span class=\"host\">https://www.tiger.com</span>", html);
    }

    [Theory]
    [InlineData("#ffcc00", "contrast with white text")]
    [InlineData("blue", "must be a colour like #0b5cab")]
    public void Branding_RefusesAColourThatFailsContrastOrIsNotOne(string color, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Auth:Branding:PrimaryColor", color)]).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => Branding.From(configuration));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Branding_RefusesALinkThatIsNotHttp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Auth:Branding:HelpUrl", "javascript:alert(1)")]).Build();

        Assert.Throws<InvalidOperationException>(() => Branding.From(configuration));
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex Style();
}
