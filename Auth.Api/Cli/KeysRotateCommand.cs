using Auth.Api.Hosting;
using Auth.Core.Tokens;
using Auth.Data.Keys;

namespace Auth.Api.Cli;

/// <summary>
/// <c>keys rotate</c>: a new active signing key. Running instances sign with it after their next
/// reload (within <see cref="AuthSettings.KeyRefreshInterval"/>); the old key stays published
/// until the tokens it signed have expired.
/// </summary>
public static class KeysRotateCommand
{
    public static async Task<object> RunAsync(CliArgs args)
    {
        await using var services = CliServices.Create();
        var settings = services.GetRequiredService<AuthSettings>();
        var key = SigningKey.Generate();
        await services.GetRequiredService<SigningKeyStore>().RotateAsync(key.Kid, services.GetRequiredService<Keys.KeyEncryptionKeys>().Protect(key), settings.KeyRefreshInterval * 2);
        return new { kid = key.Kid };
    }
}
