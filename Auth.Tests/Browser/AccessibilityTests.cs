using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Auth.Tests.OperatorConsole;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Auth.Tests.Browser;

/// <summary>
/// axe-core on every page (sign-in, consent, error, console, connected apps), WCAG 2.1 A and AA rules,
/// with a screenshot of each. axe runs as script, so the pages (which need none) load in a JavaScript-on context.
/// </summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly List<string> _violations = [];

    private async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDir, name + ".png"), FullPage = true });
        var result = await page.RunAxe(Wcag21AA);
        _violations.AddRange(result.Violations.Select(v =>
            $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
    }

    [Fact]
    public async Task Axe_OnAPageWithAnUnlabelledFieldAndLowContrast_ReportsThem()
    {
        var page = await app.NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><body><main><input type="text"><p style="color:#ccc">faint</p></main></body></html>""");

        var result = await page.RunAxe(Wcag21AA);

        Assert.Contains(result.Violations, v => v.Id == "label");
        Assert.Contains(result.Violations, v => v.Id == "color-contrast");
    }

    [Fact]
    public async Task SignInConsentAndErrorPages_HaveNoWcag21AAViolation()
    {
        var (clientId, _, _) = await app.RegisterAppAsync("Ledger Lens");
        await app.Service<Auth.Api.Admin.ClientAdministration>().DecideAsync(clientId, approve: true, new Auth.Api.Admin.Envelope.AuditActor("test", null));
        var (_, username) = await app.AddPlainUserAsync();
        var page = await app.NewPageAsync();
        var authorize = app.BaseUrl + "/oauth/authorize" + CodeFlow.Query(clientId, scope: "profile history trade");

        await page.GotoAsync(authorize);
        await CheckAsync(page, "1-sign-in");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync("wrong password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(page, "2-sign-in-wrong-password");
        await page.GetByLabel("Password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Published by Northwind Securities")).ToBeVisibleAsync();
        await CheckAsync(page, "3-consent");
        await page.GotoAsync(app.BaseUrl + "/oauth/authorize" + CodeFlow.Query(clientId, redirectUri: "https://evil.example/cb"));
        await CheckAsync(page, "5-error-bad-redirect-uri");

        Assert.True(_violations.Count == 0, string.Join("\n", _violations));
    }

    [Fact]
    public async Task ConsolePages_HaveNoWcag21AAViolation()
    {
        await app.RegisterAppAsync("Ledger Lens");
        var (_, _, pendingName) = await app.RegisterAppAsync("Quick Flip");
        var clientId = $"nw-{Guid.NewGuid():N}"[..12];
        var secret = await app.AddClientAsync(new NewClient
        {
            Id = clientId, Name = "Northwind Trading", GrantTypes = GrantTypes.All, Scopes = ["profile", "history", "trade"], RedirectUris = [CodeFlow.RedirectUri],
        });
        var (_, operatorName) = await app.AddOperatorAsync();
        var (_, plainName) = await app.AddPlainUserAsync();
        await app.PasswordTokensAsync(clientId, secret!, plainName);
        var page = await app.NewPageAsync(1100, 900);

        await page.GotoAsync(app.BaseUrl + "/console");
        await CheckAsync(page, "console-1-sign-in");
        await ConsoleUsers.SignInAsync(page, app.BaseUrl, "/console", operatorName);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Registrations waiting for approval" }).WaitForAsync();
        await CheckAsync(page, "console-2-registrations");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reject {pendingName}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel($"Reason for rejecting {pendingName}")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(page, "console-3-reject-needs-a-reason");
        await page.GotoAsync(app.BaseUrl + "/console/clients");
        await CheckAsync(page, "console-4-clients");
        await page.GotoAsync(app.BaseUrl + "/console/clients/" + clientId);
        await CheckAsync(page, "console-5-client");
        await page.GetByLabel("Scopes").FillAsync("profile \"quoted\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Scopes")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(page, "console-6-client-edit-errors");
        await page.GotoAsync(app.BaseUrl + "/console/clients/" + clientId);
        await page.Locator("#rotate-password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await CheckAsync(page, "console-7-secret-shown-once");
        await page.GotoAsync(app.BaseUrl + "/console/users?username=user-");
        await CheckAsync(page, "console-8-users");
        await page.GetByRole(AriaRole.Link, new() { Name = plainName }).ClickAsync();
        await CheckAsync(page, "console-9-user");
        var userPage = await app.NewPageAsync(1100, 900);
        await ConsoleUsers.SignInAsync(userPage, app.BaseUrl, "/console", plainName);
        await CheckAsync(userPage, "console-10-not-an-operator");

        Assert.True(_violations.Count == 0, string.Join("\n", _violations));
    }

    [Fact]
    public async Task ConnectedAppsPages_HaveNoWcag21AAViolation()
    {
        var (clientId, secret, _) = await app.RegisterAppAsync("Ledger Lens");
        await app.Service<Auth.Api.Admin.ClientAdministration>().DecideAsync(clientId, approve: true, new Auth.Api.Admin.Envelope.AuditActor("test", null));
        var (_, username) = await app.AddPlainUserAsync();
        await using var peer = new PeerInstance(app);
        var code = await new CodeFlow(peer).CodeAsync(CodeFlow.Query(clientId, scope: "profile trade"), username, ConsoleUsers.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ConsoleUsers.RedeemAsync(peer.CreateClient(), clientId, secret, code, null)).StatusCode);
        var brokerId = $"pb-{Guid.NewGuid():N}"[..12];
        var brokerSecret = await app.AddClientAsync(new NewClient { Id = brokerId, Name = "Pocket Broker", GrantTypes = GrantTypes.All, Scopes = ["history"] });
        await app.PasswordTokensAsync(brokerId, brokerSecret!, username);
        var page = await app.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/account/apps");
        await CheckAsync(page, "account-1-sign-in");
        await ConsoleUsers.SignInAsync(page, app.BaseUrl, "/account/apps", username);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ledger Lens" })).ToBeVisibleAsync();
        await CheckAsync(page, "account-2-connected-apps");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke access of Pocket Broker" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await CheckAsync(page, "account-3-app-revoked");

        Assert.True(_violations.Count == 0, string.Join("\n", _violations));
    }
}
