using System.Net;
using System.Text.Json;
using Auth.Core.Users;
using Auth.Data.Users;
using Auth.Tests.Authorize;
using Auth.Tests.Cli;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.OperatorConsole;

/// <summary><c>user grant-role</c> and <c>user revoke-role</c>, run as a script would run them.</summary>
public sealed class UserRoleCommandTests(AuthApp app) : IClassFixture<AuthApp>
{
    /// <summary>The binary on the fixture's database, with its own defaults otherwise.</summary>
    private Task<CliRun> RunAsync(params string[] args) => CliProcess.RunAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings__Auth"] = app.ConnectionString,
        ["Auth__PasswordHashIterations"] = null,
        ["Auth__Database__StartupWaitSeconds"] = null,
        [TestKeyEncryption.FileVariable] = null,
    }, null, args);

    [Fact]
    public async Task GrantRole_LetsTheUserIntoTheConsole_AndRevokeRoleShutsThemOut()
    {
        var (id, username) = await app.AddPlainUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await new CodeFlow(app).ConsoleSignInAsync(username)).StatusCode);

        var (code, stdout, stderr) = await RunAsync("user", "grant-role", "--username", username.ToUpperInvariant(), "--role", Roles.Operator);

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((Roles.Operator, true), (json.GetProperty("role").GetString(), json.GetProperty("granted").GetBoolean()));
        Assert.Equal(HttpStatusCode.SeeOther, (await new CodeFlow(app).ConsoleSignInAsync(username)).StatusCode);

        (code, _, stderr) = await RunAsync("user", "revoke-role", "--username", username, "--role", Roles.Operator);

        Assert.True(code == 0, stderr);
        Assert.False(await app.Service<UserRoleStore>().HasRoleAsync(id, Roles.Operator));
        Assert.Equal(HttpStatusCode.Forbidden, (await new CodeFlow(app).ConsoleSignInAsync(username)).StatusCode);
    }

    [Fact]
    public async Task GrantRole_WithAnUnknownRole_IsAUsageError_AndWithAnUnknownUser_ARunTimeError()
    {
        var (_, username) = await app.AddPlainUserAsync();

        var unknownRole = await RunAsync("user", "grant-role", "--username", username, "--role", "superuser");
        var unknownUser = await RunAsync("user", "grant-role", "--username", "nobody-here", "--role", Roles.Operator);

        Assert.Equal(2, unknownRole.Code);
        Assert.Contains("--role must be one of: operator", unknownRole.Stderr);
        Assert.Equal(1, unknownUser.Code);
        Assert.Contains("No user is named 'nobody-here'", unknownUser.Stderr);
        Assert.Empty(unknownUser.Stdout);
    }
}
