using Auth.Data.Users;

namespace Auth.Api.Cli;

/// <summary>
/// <c>user add --username NAME --password-stdin [--name N] [--given-name G] [--family-name F]
/// [--email E] [--email-verified]</c>: prints <c>{"id": "..."}</c>.
/// </summary>
public static class UserAddCommand
{
    public static async Task<object> RunAsync(CliArgs args)
    {
        var username = Auth.Core.Users.Usernames.Canonical(args.Required("--username"))
            ?? throw new CliException($"--username must be 1 to {Auth.Core.Users.Usernames.MaxLength} characters without control characters.");
        if (!args.Flag("--password-stdin"))
            throw new CliException("--password-stdin is required: the password is read from standard input, never from the command line.");
        var password = Console.In.ReadLine();
        if (string.IsNullOrEmpty(password))
            throw new CliException("No password on standard input.");

        var profile = new ProfileFields(
            Text(args, "--name"), Text(args, "--given-name"), Text(args, "--family-name"), Text(args, "--email"), args.Flag("--email-verified"));
        if (profile.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw new CliException("--email must be an email address.");
        if (profile.EmailVerified && profile.Email is null)
            throw new CliException("--email-verified needs --email.");

        await using var services = CliServices.Create();
        var hash = services.GetRequiredService<Auth.Core.Users.IPasswordHasher>().Hash(password);
        var id = await services.GetRequiredService<UserStore>().InsertAsync(username, hash, profile)
            ?? throw new InvalidOperationException($"A user named '{username}' exists already.");
        return new { id };
    }

    private static string? Text(CliArgs args, string name) => args.Single(name)?.Trim() switch
    {
        null or "" => null,
        { Length: > 256 } => throw new CliException($"{name} must be at most 256 characters."),
        var value => value,
    };
}
