using System.Net;
using Auth.Api.Account;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Users;
using Auth.Data.Audit;
using Auth.Data.Clients;
using Auth.Data.Users;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.OperatorConsole;

/// <summary>The console's rules as HTTP (a browser without JavaScript): who gets in, anti-forgery, re-asked passwords, the audit trail.</summary>
public sealed class ConsoleRulesTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string TokenField = "__RequestVerificationToken";

    private async Task<(CodeFlow Flow, Guid OperatorId)> OperatorSignedInAsync()
    {
        var (id, username) = await app.AddOperatorAsync();
        var flow = new CodeFlow(app);
        var signIn = await flow.ConsoleSignInAsync(username);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/console/registrations", signIn.Headers.Location!.ToString());
        return (flow, id);
    }

    [Fact]
    public async Task Console_UserWithoutTheOperatorRole_IsRefusedAndGetsNoSession()
    {
        var (_, username) = await app.AddPlainUserAsync();
        var flow = new CodeFlow(app);

        var signIn = await flow.ConsoleSignInAsync(username);
        var clients = await flow.Http.GetAsync("/console/clients");

        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("may not use the operators", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, clients.StatusCode);
        Assert.Equal("/console", clients.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Console_AnOperatorsEndUserSignIn_DoesNotOpenTheConsole()
    {
        var (_, username) = await app.AddOperatorAsync();
        var flow = new CodeFlow(app);
        var token = await flow.TokenOfAsync(AccountEndpoints.AppsPath);
        var signIn = await flow.PostAsync("/account/sign-in", [new(TokenField, token), new("username", username), new("password", ConsoleUsers.Password)]);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);

        var console = await flow.Http.GetAsync("/console/registrations");

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/console", console.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Console_RoleRevoked_EndsTheOpenSessionAtTheNextRequest()
    {
        var (id, username) = await app.AddOperatorAsync();
        var flow = new CodeFlow(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await flow.ConsoleSignInAsync(username)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await flow.Http.GetAsync("/console/users")).StatusCode);

        Assert.True(await app.Service<UserRoleStore>().RevokeAsync(username, Roles.Operator));
        var after = await flow.Http.GetAsync("/console/users");

        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.False(await app.Service<UserRoleStore>().HasRoleAsync(id, Roles.Operator));
    }

    [Fact]
    public async Task Console_SessionOlderThanEightHours_AsksToSignInAgain()
    {
        var (flow, _) = await OperatorSignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await flow.Http.GetAsync("/console/clients")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(9));
        try
        {
            var later = await flow.Http.GetAsync("/console/clients");
            Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-9));
        }
    }

    [Fact]
    public async Task Console_FormsWithoutTheAntiforgeryToken_AreRefusedAndChangeNothing()
    {
        var (clientId, _, _) = await app.RegisterAppAsync("Forged Approval");
        var (flow, _) = await OperatorSignedInAsync();
        var (_, username) = await app.AddPlainUserAsync();

        var approve = await flow.PostAsync($"/console/registrations/{clientId}/approve", []);
        var signIn = await new CodeFlow(app).PostAsync("/console/sign-in", [new("username", username), new("password", ConsoleUsers.Password)]);
        var forged = await flow.PostAsync($"/console/registrations/{clientId}/approve", [new(TokenField, "forged")]);

        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(ClientStatus.Pending, (await app.Service<ClientStore>().FindRowAsync(clientId))!.Status);
    }

    [Fact]
    public async Task Account_RevokeWithoutTheAntiforgeryToken_IsRefusedAndTheGrantLives()
    {
        var (clientId, clientSecret) = await app.AddStandardClientAsync();
        var (_, username) = await app.AddPlainUserAsync();
        var tokens = await AuthApp.JsonAsync(await app.TokenAsync(AuthApp.Basic(clientId, clientSecret),
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, ConsoleUsers.Password)));
        var flow = new CodeFlow(app);
        var token = await flow.TokenOfAsync(AccountEndpoints.AppsPath);
        await flow.PostAsync("/account/sign-in", [new(TokenField, token), new("username", username), new("password", ConsoleUsers.Password)]);

        var revoke = await flow.PostAsync($"/account/apps/{clientId}/revoke", []);

        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        var refresh = await app.RefreshAsync(AuthApp.Basic(clientId, clientSecret), tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Console_DeleteWithAWrongPassword_KeepsTheClient_AndWithItDeletesAndAudits()
    {
        var (clientId, _) = await app.AddStandardClientAsync();
        var (flow, operatorId) = await OperatorSignedInAsync();
        var path = $"/console/clients/{clientId}";

        var wrong = await flow.PostAsync(path + "/delete", [new(TokenField, await flow.TokenOfAsync(path)), new("confirm", clientId), new("password", "not my password")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await wrong.Content.ReadAsStringAsync());
        Assert.NotNull(await app.Service<ClientStore>().FindRowAsync(clientId));

        var unconfirmed = await flow.PostAsync(path + "/delete", [new(TokenField, await flow.TokenOfAsync(path)), new("confirm", "x"), new("password", ConsoleUsers.Password)]);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.NotNull(await app.Service<ClientStore>().FindRowAsync(clientId));

        var deleted = await flow.PostAsync(path + "/delete", [new(TokenField, await flow.TokenOfAsync(path)), new("confirm", clientId), new("password", ConsoleUsers.Password)]);
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Null(await app.Service<ClientStore>().FindRowAsync(clientId));
        var entry = Assert.Single(await app.Service<ClientAuditStore>().ListAsync(clientId), e => e.Action == "deleted");
        Assert.Equal(operatorId.ToString(), entry.Actor);
    }

    [Fact]
    public async Task Console_UserActions_AreAuditedWithTheOperatorsIdAndTakeEffect()
    {
        var (flow, operatorId) = await OperatorSignedInAsync();
        var (userId, username) = await app.AddPlainUserAsync();
        var path = $"/console/users/{userId}";
        var visitor = new CodeFlow(app);
        for (var i = 0; i < app.Service<Auth.Api.Hosting.AuthSettings>().Attempts.SourceMaxFailures; i++)
            await visitor.PostAsync("/account/sign-in", [new(TokenField, await visitor.TokenOfAsync(AccountEndpoints.AppsPath)), new("username", username), new("password", "wrong")]);
        Assert.Contains("locked until", await (await flow.Http.GetAsync(path)).Content.ReadAsStringAsync());

        var unlock = await flow.PostAsync(path + "/unlock", [new(TokenField, await flow.TokenOfAsync(path))]);
        var disable = await flow.PostAsync(path + "/enabled", [new(TokenField, await flow.TokenOfAsync(path)), new("enabled", "false")]);

        Assert.Equal(HttpStatusCode.SeeOther, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, disable.StatusCode);
        Assert.False((await app.Service<UserAdminStore>().FindAsync(userId))!.Enabled);
        Assert.Equal(new AttemptState(0, null), await app.Service<UserAdminStore>().AttemptsAsync(username));
        var audit = await app.Service<ClientAuditStore>().ListForUserAsync(userId);
        Assert.Equal(["user_unlocked", "user_disabled"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(operatorId.ToString(), a.Actor));
    }

    [Fact]
    public async Task Console_RevokingAUsersGrant_KillsItsRefreshAndAccessTokens()
    {
        var (flow, operatorId) = await OperatorSignedInAsync();
        var signIn = await app.SignInAsync();
        var userId = await UserOfAsync(signIn);
        Assert.Single(await app.Service<UserGrantStore>().ListAsync(userId, app.Clock.GetUtcNow()));
        var path = $"/console/users/{userId}";
        Assert.Contains(signIn.ClientId, await (await flow.Http.GetAsync(path)).Content.ReadAsStringAsync());

        var revoke = await flow.PostAsync($"{path}/grants/{signIn.ClientId}/revoke", [new(TokenField, await flow.TokenOfAsync(path))]);

        Assert.Equal(HttpStatusCode.SeeOther, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.RefreshAsync(signIn.ClientAuth, signIn.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PingAsync(signIn.AccessToken)).StatusCode);
        var entry = Assert.Single(await app.Service<ClientAuditStore>().ListForUserAsync(userId));
        Assert.Equal(("grant_revoked", signIn.ClientId, operatorId.ToString()), (entry.Action, entry.ClientId, entry.Actor));
    }

    [Fact]
    public async Task Console_ClientListWithABadPageSize_MarksTheFieldInvalid()
    {
        var (flow, _) = await OperatorSignedInAsync();

        var page = await flow.Http.GetAsync("/console/clients?pageSize=500");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("aria-describedby=\"pageSize-error\" aria-invalid=\"true\"", html);
        Assert.Contains("Must be a whole number from 1 to 100.", html);
    }

    [Fact]
    public async Task Console_Pages_RefuseFramingAndAllowNoScript()
    {
        var (flow, _) = await OperatorSignedInAsync();

        foreach (var path in new[] { "/console/registrations", "/console/clients", "/console/users", AccountEndpoints.AppsPath })
        {
            var page = await flow.Http.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode} {string.Join("\n", app.Logs.Lines.Where(l => l.StartsWith("Error")))}");
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("default-src 'none'", policy);
            Assert.DoesNotContain("script-src", policy);
            Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal("DENY", (await app.CreateClient().GetAsync("/console")).Headers.GetValues("X-Frame-Options").Single());
    }

    private async Task<Guid> UserOfAsync(UserSignIn signIn)
    {
        var introspection = await AuthApp.JsonAsync(await app.IntrospectAsync(signIn.ClientAuth, signIn.AccessToken));
        return Guid.Parse(introspection.GetProperty("sub").GetString()!);
    }
}
