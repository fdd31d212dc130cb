using Auth.Core.Users;
using Auth.Data.Users;

namespace Auth.Api.Cli;

/// <summary>
/// <c>user grant-role --username U --role operator</c> and <c>user revoke-role --username U --role operator</c>:
/// prints <c>{"username", "role", "granted"}</c>. A revoked operator's console session ends at its next request.
/// </summary>
public static class UserRoleCommand
{
    public static async Task<object> RunAsync(CliArgs args, bool grant)
    {
        var username = args.Required("--username").Trim();
        var role = args.Required("--role");
        if (!Roles.All.Contains(role))
            throw new CliException($"--role must be one of: {string.Join(", ", Roles.All)}.");
        await using var services = CliServices.Create();
        var store = services.GetRequiredService<UserRoleStore>();
        var canonical = Usernames.Canonical(username);
        var found = canonical is not null && (grant ? await store.GrantAsync(canonical, role) : await store.RevokeAsync(canonical, role));
        return found ? new { username, role, granted = grant } : throw new InvalidOperationException($"No user is named '{username}'.");
    }
}
