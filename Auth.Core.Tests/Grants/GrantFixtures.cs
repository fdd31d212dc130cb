using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Tokens;

namespace Auth.Core.Tests.Grants;

/// <summary>A client, a key and a fixed time to decide grants with.</summary>
internal static class GrantFixtures
{
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SigningKey Key = SigningKey.Generate();

    public static Client Client(bool isPublic = false, params string[] grants) => new()
    {
        Id = "app",
        Name = "App",
        AuthMethods = isPublic ? [ClientAuthMethods.None] : [ClientAuthMethods.SecretBasic],
        GrantTypes = grants.Length > 0 ? grants : [GrantTypes.Password, GrantTypes.ClientCredentials, GrantTypes.RefreshToken],
        Scopes = ["profile", "trade"],
    };

    public static GrantContext Context(Client? client = null) => new(client ?? Client(), "https://issuer.example", Key, Now);
}
