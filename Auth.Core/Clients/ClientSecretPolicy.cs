using Auth.Core.Security;

namespace Auth.Core.Clients;

/// <summary>Client secrets are high-entropy: 256 random bits unless given, and a given one is at least 32 characters.</summary>
public static class ClientSecretPolicy
{
    public const int MinLength = 32;

    public static string Generate() => RandomTokens.New();

    /// <summary>The given secret if long enough, a generated one if none was given, or null if the given one is too short.</summary>
    public static string? Choose(string? given) =>
        given is null ? Generate() : given.Length >= MinLength ? given : null;
}
