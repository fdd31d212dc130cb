using Auth.Data.Users;

namespace Auth.Api.Cli;

/// <summary><c>user add --username NAME --password-stdin</c>: prints <c>{"id": "..."}</c>.</summary>
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

        await using var services = CliServices.Create();
        var hash = services.GetRequiredService<Auth.Core.Users.IPasswordHasher>().Hash(password);
        var id = await services.GetRequiredService<UserStore>().InsertAsync(username, hash)
            ?? throw new InvalidOperationException($"A user named '{username}' exists already.");
        return new { id };
    }
}
