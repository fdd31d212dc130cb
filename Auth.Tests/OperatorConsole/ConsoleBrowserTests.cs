using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Data.Audit;
using Auth.Data.Clients;
using Auth.Tests.Authorize;
using Auth.Tests.Browser;
using Auth.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Auth.Tests.OperatorConsole;

/// <summary>The operators' console in headless Chromium, against the service on a real socket.</summary>
public sealed class ConsoleBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<(IPage Page, Guid OperatorId)> OperatorPageAsync()
    {
        var (id, username) = await app.AddOperatorAsync();
        var page = await app.NewPageAsync(1100, 900);
        await ConsoleUsers.SignInAsync(page, app.BaseUrl, "/console", username);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Registrations waiting for approval" }).WaitForAsync();
        return (page, id);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Console_OperatorApprovesAPendingRegistration_ThenTheAppGetsTokens()
    {
        var (clientId, secret, name) = await app.RegisterAppAsync($"Ledger Lens {Suffix()}");
        var (_, username) = await app.AddPlainUserAsync();
        var (verifier, challenge) = CodeFlow.NewPkce();
        var query = CodeFlow.Query(clientId, scope: null, challenge: challenge);
        // Note: the browser's own socket client follows redirects; the code flow as HTTP goes through a second instance.
        await using var peer = new PeerInstance(app);
        Assert.Equal(HttpStatusCode.BadRequest, (await new CodeFlow(peer).AuthorizeAsync(query)).StatusCode);
        var (page, operatorId) = await OperatorPageAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {name}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("approved");
        var code = await new CodeFlow(peer).CodeAsync(query, username, ConsoleUsers.Password);
        var tokens = await ConsoleUsers.RedeemAsync(peer.CreateClient(), clientId, secret, code, verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var entry = Assert.Single(await app.Service<ClientAuditStore>().ListAsync(clientId), e => e.Action == "approved");
        Assert.Equal(operatorId.ToString(), entry.Actor);
    }

    [Fact]
    public async Task Console_OperatorRejectsARegistrationWithAReason_AndTheReasonIsAudited()
    {
        var (clientId, _, name) = await app.RegisterAppAsync($"Quick Flip {Suffix()}");
        var (page, operatorId) = await OperatorPageAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Reject {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel($"Reason for rejecting {name}")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(ClientStatus.Pending, (await app.Service<ClientStore>().FindRowAsync(clientId))!.Status);
        await page.GetByLabel($"Reason for rejecting {name}").FillAsync("The homepage does not belong to the company.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reject {name}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rejected");
        Assert.Equal(ClientStatus.Rejected, (await app.Service<ClientStore>().FindRowAsync(clientId))!.Status);
        var entry = Assert.Single(await app.Service<ClientAuditStore>().ListAsync(clientId), e => e.Action == "rejected");
        Assert.Equal(("The homepage does not belong to the company.", operatorId.ToString()), (entry.Note, entry.Actor));
    }

    [Fact]
    public async Task Console_EditSavesAndASecondStaleEditIsRefused()
    {
        var (clientId, _) = await app.AddStandardClientAsync();
        var (first, operatorId) = await OperatorPageAsync();
        var second = await first.Context.NewPageAsync();
        var detail = $"{app.BaseUrl}/console/clients/{clientId}";
        await first.GotoAsync(detail);
        await second.GotoAsync(detail);

        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("Edited in the first tab");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("Edited in the second tab");
        var stale = await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(), r => r.Url.EndsWith("/edit", StringComparison.Ordinal));

        Assert.Equal(409, stale.Status);
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone changed this client");
        await Assertions.Expect(second.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Edited in the first tab");
        var stored = await app.Service<ClientStore>().FindRowAsync(clientId);
        Assert.Equal(("Edited in the first tab", 2), (stored!.Name, stored.Version));
        var entry = Assert.Single(await app.Service<ClientAuditStore>().ListAsync(clientId), e => e.Action == "updated");
        Assert.Equal(operatorId.ToString(), entry.Actor);
    }

    [Fact]
    public async Task Console_EditWithAnInvalidRedirectUri_TiesTheErrorToTheFieldAndSavesNothing()
    {
        var (clientId, _) = await app.AddStandardClientAsync();
        var (page, _) = await OperatorPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/console/clients/{clientId}");

        await page.GetByLabel("Redirect URIs").FillAsync("https://app.example/callback\n/relative/path");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        var field = page.GetByLabel("Redirect URIs");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("absolute URI"));
        await Assertions.Expect(field).ToHaveValueAsync("https://app.example/callback\n/relative/path");
        Assert.Equal(["https://app.example/callback"], (await app.Service<ClientStore>().FindRowAsync(clientId))!.RedirectUris);
    }

    [Fact]
    public async Task Console_RotateSecret_ShowsTheNewOneOnceAndTheOldOneStopsWorking()
    {
        var id = $"svc-{Suffix()}";
        var oldSecret = await app.AddClientAsync(new NewClient { Id = id, Name = "Settlement batch", GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["access"] });
        var (page, _) = await OperatorPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/console/clients/{id}");

        await page.Locator("#rotate-password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        var newSecret = await page.GetByLabel($"Client secret of {id}").InputValueAsync();

        Assert.True(newSecret.Length >= 43);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync(AuthApp.Basic(id, oldSecret!), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, newSecret), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
        await page.GotoAsync($"{app.BaseUrl}/console/clients/{id}");
        Assert.DoesNotContain(newSecret, await page.ContentAsync());
    }

    [Fact]
    public async Task Console_RotateSecretWithAWrongPassword_KeepsTheOldSecret()
    {
        var id = $"svc-{Suffix()}";
        var oldSecret = await app.AddClientAsync(new NewClient { Id = id, GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["access"] });
        var (page, _) = await OperatorPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/console/clients/{id}");

        await page.Locator("#rotate-password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();

        await Assertions.Expect(page.Locator("#rotate-password")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(HttpStatusCode.OK, (await app.TokenAsync(AuthApp.Basic(id, oldSecret!), (Parameters.GrantType, GrantTypes.ClientCredentials))).StatusCode);
    }

    [Fact]
    public async Task Console_UserWithoutTheOperatorRole_IsRefused()
    {
        var (_, username) = await app.AddPlainUserAsync();
        var page = await app.NewPageAsync();

        var answer = await page.RunAndWaitForResponseAsync(() => ConsoleUsers.SignInAsync(page, app.BaseUrl, "/console", username),
            r => r.Url.EndsWith("/console/sign-in", StringComparison.Ordinal));
        Assert.Equal(403, answer.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not an operator" })).ToBeVisibleAsync();

        await page.GotoAsync($"{app.BaseUrl}/console/clients");
        Assert.Equal($"{app.BaseUrl}/console", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the console" })).ToBeVisibleAsync();
    }
}
