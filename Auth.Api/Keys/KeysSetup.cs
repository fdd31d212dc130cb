using Auth.Data.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Auth.Api.Keys;

public static class KeysSetup
{
    /// <summary>
    /// The signing keys and the key-encryption keys that seal them and the data-protection key ring
    /// (which protects the sign-in cookies) at rest.
    /// </summary>
    public static WebApplicationBuilder AddKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var keys = KeyEncryptionKeys.From(builder.Configuration);
        services.AddSingleton(keys);
        services.AddSingleton<KeySealer>();
        services.AddSingleton<SigningKeyRing>();
        services.AddHostedService<KeyRingRefresher>();
        if (keys.Current is not null)
            services.AddOptions<KeyManagementOptions>().Configure(options => options.XmlEncryptor = new KekXmlEncryptor(keys));
        return builder;
    }
}
