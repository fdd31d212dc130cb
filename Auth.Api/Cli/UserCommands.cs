using System.CommandLine;
using Auth.Core.Users;
using Auth.Data.Tokens;
using Auth.Data.Users;

namespace Auth.Api.Cli;

/// <summary>
/// <c>user add|list|show|disable|enable|unlock|set-password|grant-role|revoke-role</c>. Passwords come
/// from stdin or a file and must pass <see cref="Users.PasswordPolicy"/>; every change is audited as the console's are.
/// </summary>
public static class UserCommands
{
    public static Command Build() => new("user", "Add and manage user accounts.")
    {
        Add(),
        List(),
        Show(),
        SetEnabled("disable", "Disable an account: its password stops working and its refresh tokens are revoked.", enabled: false),
        SetEnabled("enable", "Enable a disabled account.", enabled: true),
        Unlock(),
        SetPassword(),
        Role("grant-role", "Give a user a role (operator: the operators' console).", grant: true),
        Role("revoke-role", "Take a role from a user; a revoked operator's console session ends at its next request.", grant: false),
    };

    /// <summary><c>user add --username NAME --password-stdin [--name N] [--given-name G] [--family-name F] [--email E] [--email-verified]</c>: prints <c>{"id"}</c>.</summary>
    private static Command Add()
    {
        var username = UserInput.Username();
        var (stdin, file) = (UserInput.PasswordStdin(), UserInput.PasswordFile());
        var name = CliOptions.Text("--name", "full name (OpenID Connect claim name)");
        var given = CliOptions.Text("--given-name", "given name");
        var family = CliOptions.Text("--family-name", "family name");
        var email = CliOptions.Text("--email", "email address");
        var verified = CliOptions.Flag("--email-verified", "the email address is verified (needs --email)");
        var command = new Command("add", "Add a user; prints its id.") { username, stdin, file, name, given, family, email, verified };
        return command.Runs(async parse =>
        {
            var canonical = UserInput.Canonical(parse.GetValue(username)!);
            var profile = new ProfileFields(
                Text(parse, name), Text(parse, given), Text(parse, family), Text(parse, email), parse.GetValue(verified));
            if (profile.Email is { } address && !System.Net.Mail.MailAddress.TryCreate(address, out _))
                throw new CliException("--email must be an email address.");
            if (profile.EmailVerified && profile.Email is null)
                throw new CliException("--email-verified needs --email.");
            var password = UserInput.Password(parse, stdin, file, canonical);

            await using var services = CliServices.Create();
            var hash = services.GetRequiredService<IPasswordHasher>().Hash(password);
            var id = await services.GetRequiredService<UserStore>().InsertAsync(canonical, hash, profile)
                ?? throw new CliRefusal($"A user named '{canonical}' exists already.");
            return new { id };
        });
    }

    private static Command List()
    {
        var search = CliOptions.Text("--search", "only usernames containing this text (case-insensitive)");
        var limit = CliOptions.Limit(100);
        return new Command("list", "List users by username.") { search, limit }.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            return new { users = await services.GetRequiredService<UserAdminStore>().SearchAsync(parse.GetValue(search), parse.GetValue(limit)) };
        });
    }

    private static Command Show()
    {
        var username = UserInput.Username();
        return new Command("show", "Show a user: profile, roles, and whether sign-in is locked.") { username }.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            var user = await UserInput.FindAsync(services, parse.GetValue(username)!);
            var profile = await services.GetRequiredService<UserStore>().FindProfileAsync(user.Id);
            var summary = await services.GetRequiredService<UserAdminStore>().FindAsync(user.Id);
            var attempts = await services.GetRequiredService<UserAdminStore>().AttemptsAsync(user.Username);
            var roles = new List<string>();
            foreach (var role in Roles.All)
                if (await services.GetRequiredService<UserRoleStore>().HasRoleAsync(user.Id, role))
                    roles.Add(role);
            return new
            {
                id = user.Id,
                username = user.Username,
                enabled = user.Enabled,
                createdAt = summary?.CreatedAt,
                name = profile?.Name,
                givenName = profile?.GivenName,
                familyName = profile?.FamilyName,
                email = profile?.Email,
                emailVerified = profile?.EmailVerified,
                roles,
                failedAttempts = attempts.Failures,
                locked = attempts.IsLocked(DateTimeOffset.UtcNow),
                lockedUntil = attempts.IsLocked(DateTimeOffset.UtcNow) ? attempts.LockedUntil : null,
            };
        });
    }

    private static Command SetEnabled(string name, string description, bool enabled)
    {
        var username = UserInput.Username();
        return new Command(name, description) { username }.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            var user = await UserInput.FindAsync(services, parse.GetValue(username)!);
            var audit = ClientCommands.Actor.Entry(null, enabled ? "user_enabled" : "user_disabled", ["enabled"], user.Id);
            if (!await services.GetRequiredService<UserAdminStore>().SetEnabledAsync(user.Id, enabled, audit))
                throw new CliRefusal($"No user is named '{user.Username}'.");
            if (!enabled)
                await services.GetRequiredService<TokenStateStore>().RevokeFamiliesOfUserAsync(user.Id, DateTimeOffset.UtcNow);
            return new { username = user.Username, enabled };
        });
    }

    private static Command Unlock()
    {
        var username = UserInput.Username();
        return new Command("unlock", "Clear the failed sign-in counters, which lifts every lock and slow-down of the account.") { username }.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            var user = await UserInput.FindAsync(services, parse.GetValue(username)!);
            var audit = ClientCommands.Actor.Entry(null, "user_unlocked", [], user.Id);
            if (!await services.GetRequiredService<UserAdminStore>().UnlockAsync(user.Id, audit))
                throw new CliRefusal($"No user is named '{user.Username}'.");
            return new { username = user.Username, unlocked = true };
        });
    }

    private static Command SetPassword()
    {
        var username = UserInput.Username();
        var (stdin, file) = (UserInput.PasswordStdin(), UserInput.PasswordFile());
        var command = new Command("set-password", "Set a user's password (from stdin or a file); the user's refresh tokens are revoked.") { username, stdin, file };
        return command.Runs(async parse =>
        {
            var canonical = UserInput.Canonical(parse.GetValue(username)!);
            var password = UserInput.Password(parse, stdin, file, canonical);
            await using var services = CliServices.Create();
            var user = await UserInput.FindAsync(services, canonical);
            var hash = services.GetRequiredService<IPasswordHasher>().Hash(password);
            var audit = ClientCommands.Actor.Entry(null, "user_password_set", ["password"], user.Id);
            if (!await services.GetRequiredService<UserAdminStore>().SetPasswordHashAsync(user.Id, hash, audit))
                throw new CliRefusal($"No user is named '{user.Username}'.");
            // Note: a password set by an operator is often a reset after a compromise: the old sessions' refresh tokens end too.
            await services.GetRequiredService<TokenStateStore>().RevokeFamiliesOfUserAsync(user.Id, DateTimeOffset.UtcNow);
            return new { username = user.Username, passwordSet = true };
        });
    }

    /// <summary><c>user grant-role|revoke-role --username U --role operator</c>: prints <c>{"username", "role", "granted"}</c>.</summary>
    private static Command Role(string name, string description, bool grant)
    {
        var username = UserInput.Username();
        var role = CliOptions.Text("--role", $"one of: {string.Join(", ", Roles.All)}", required: true);
        role.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } given && !Roles.All.Contains(given))
                r.AddError($"--role must be one of: {string.Join(", ", Roles.All)}; not '{given}'.");
        });
        return new Command(name, description) { username, role }.Runs(async parse =>
        {
            var (given, chosen) = (parse.GetValue(username)!.Trim(), parse.GetValue(role)!);
            await using var services = CliServices.Create();
            var store = services.GetRequiredService<UserRoleStore>();
            var canonical = Usernames.Canonical(given);
            var found = canonical is not null && (grant ? await store.GrantAsync(canonical, chosen) : await store.RevokeAsync(canonical, chosen));
            return found ? new { username = given, role = chosen, granted = grant } : throw new CliRefusal($"No user is named '{given}'.");
        });
    }

    private static string? Text(ParseResult parse, Option<string> option) => parse.GetValue(option)?.Trim() switch
    {
        null or "" => null,
        { Length: > 256 } => throw new CliException($"{option.Name} must be at most 256 characters."),
        var value => value,
    };
}
