using System.CommandLine;
using Auth.Api.Hosting;
using Auth.Core.Tokens;
using Auth.Data.Keys;

namespace Auth.Api.Cli;

/// <summary>
/// <c>keys list|rotate</c>. A rotation gives a new active signing key: running instances sign with it
/// after their next reload (within <see cref="AuthSettings.KeyRefreshInterval"/>); the old key stays
/// published until the tokens it signed have expired.
/// </summary>
public static class KeysCommands
{
    /// <param name="more">Further <c>keys</c> subcommands (kept open for commands that live in their own classes).</param>
    public static Command Build(params Command[] more)
    {
        var keys = new Command("keys", "List and rotate the token signing keys.") { List(), Rotate(), Rewrap() };
        foreach (var command in more)
            keys.Add(command);
        return keys;
    }

    private static Command List() => new Command("list", "List the published signing keys, the active one first (never the key material).").Runs(async _ =>
    {
        await using var services = CliServices.Create();
        var rows = await services.GetRequiredService<SigningKeyStore>().LoadPublishedAsync();
        return new
        {
            keys = rows.OrderBy(r => r.RetiredAt is not null).ThenByDescending(r => r.CreatedAt).Select(r => new
            {
                kid = r.Kid, active = r.RetiredAt is null, createdAt = r.CreatedAt, retiredAt = r.RetiredAt, publishUntil = r.PublishUntil,
            }),
        };
    });

    private static Command Rotate() => new Command("rotate", "Make a new signing key active; the old one stays published until its tokens expire.").Runs(async _ =>
    {
        await using var services = CliServices.Create();
        var settings = services.GetRequiredService<AuthSettings>();
        var key = SigningKey.Generate();
        await services.GetRequiredService<SigningKeyStore>().RotateAsync(key.Kid, services.GetRequiredService<Keys.KeyEncryptionKeys>().Protect(key), settings.KeyRefreshInterval * 2);
        return new { kid = key.Kid };
    });

    private static Command Rewrap()
    {
        var file = CliOptions.Text("--new-key-file", "the new key-encryption key: a file holding 32 random bytes in base64", required: true);
        return new Command("rewrap", "Re-seal every stored key under a new key-encryption key (keep the old one in PreviousEncryptionKeyFiles meanwhile).") { file }
            .Runs(async parse => await Keys.KeyRewrap.RunAsync(parse.GetValue(file)!));
    }
}
