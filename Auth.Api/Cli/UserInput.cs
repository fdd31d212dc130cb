using System.CommandLine;
using Auth.Api.Users;
using Auth.Core.Users;
using Auth.Data.Users;

namespace Auth.Api.Cli;

/// <summary>The options and look-ups the user commands share.</summary>
public static class UserInput
{
    public static Option<string> Username() => CliOptions.Text("--username", "the user's username", required: true);

    public static Option<bool> PasswordStdin() => CliOptions.Flag("--password-stdin", "read the password from the first line of stdin");

    public static Option<string> PasswordFile() => CliOptions.Text("--password-file", "read the password from the first line of this file");

    public static string Canonical(string username) => Usernames.Canonical(username)
        ?? throw new CliException($"--username must be 1 to {Usernames.MaxLength} characters without control characters.");

    /// <summary>The password from stdin or the file, checked against <see cref="PasswordPolicy"/>.</summary>
    public static string Password(ParseResult parse, Option<bool> stdin, Option<string> file, string username)
    {
        var password = SecretInput.Read(parse.GetValue(stdin), parse.GetValue(file), "--password-stdin", "--password-file")
            ?? throw new CliException("--password-stdin or --password-file is required: the password is read from standard input or a file, never from the command line.");
        if (PasswordPolicy.Problem(password, username) is { } problem)
            throw new CliException($"--password-stdin: {problem}");
        return password;
    }

    public static async Task<UserAccount> FindAsync(IServiceProvider services, string username) =>
        await services.GetRequiredService<UserStore>().FindByCanonicalUsernameAsync(Canonical(username))
        ?? throw new CliRefusal($"No user is named '{username}'.");
}
