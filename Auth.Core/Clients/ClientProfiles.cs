using System.Text.Json;
using Auth.Core.Jose;

namespace Auth.Core.Clients;

/// <summary>The client profiles a client may be held to (<c>settings.client.profile</c>).</summary>
public static class ClientProfiles
{
    /// <summary>
    /// FAPI 2.0 Security Profile (§5.3): pushed requests only, PKCE S256, DPoP-bound tokens,
    /// <c>private_key_jwt</c>, no password grant, codes of at most 60 seconds.
    /// </summary>
    public const string Fapi2 = "fapi2";

    public static readonly TimeSpan Fapi2MaxCodeLifetime = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The financial-grade part of a client's <c>clientSettings</c>, in Spring Authorization Server's
/// key style: its public keys for <c>private_key_jwt</c>, whether it must push its authorization
/// requests (RFC 9126 §6) and bind its tokens with DPoP (RFC 9449 §5.2), and its profile.
/// </summary>
public sealed record FinancialGradeSettings
{
    public const string JwkSetKey = "settings.client.jwk-set";
    public const string RequireParKey = "settings.client.require-pushed-authorization-requests";
    public const string RequireDpopKey = "settings.client.require-dpop";
    public const string ProfileKey = "settings.client.profile";

    public static readonly FinancialGradeSettings None = new();

    public IReadOnlyList<AsymmetricJwk> Keys { get; init; } = [];
    public bool RequirePushedAuthorizationRequests { get; init; }
    public bool RequireDpop { get; init; }
    public string? Profile { get; init; }

    public bool IsFapi2 => Profile == ClientProfiles.Fapi2;
    public bool PushedRequestsRequired => RequirePushedAuthorizationRequests || IsFapi2;
    public bool DpopRequired => RequireDpop || IsFapi2;

    /// <summary>The settings stored in a client's <c>client_settings</c> JSON; unusable entries count as absent (they are refused on write).</summary>
    public static FinancialGradeSettings Parse(string clientSettingsJson)
    {
        if (!clientSettingsJson.Contains("settings.client.", StringComparison.Ordinal))
            return None;
        using var document = JsonDocument.Parse(clientSettingsJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return None;
        return new FinancialGradeSettings
        {
            Keys = root.TryGetProperty(JwkSetKey, out var set) ? ParseKeys(set) ?? [] : [],
            RequirePushedAuthorizationRequests = root.TryGetProperty(RequireParKey, out var par) && par.ValueKind == JsonValueKind.True,
            RequireDpop = root.TryGetProperty(RequireDpopKey, out var dpop) && dpop.ValueKind == JsonValueKind.True,
            Profile = root.TryGetProperty(ProfileKey, out var profile) && profile.ValueKind == JsonValueKind.String ? profile.GetString() : null,
        };
    }

    /// <summary>The keys of a JWK Set (RFC 7517 §5), or null when it is not one, holds none, or holds a private or unusable key.</summary>
    public static IReadOnlyList<AsymmetricJwk>? ParseKeys(JsonElement set)
    {
        if (set.ValueKind != JsonValueKind.Object || !set.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            return null;
        var parsed = new List<AsymmetricJwk>();
        foreach (var jwk in keys.EnumerateArray())
        {
            if (AsymmetricJwk.Parse(jwk) is not { } key)
                return null;
            parsed.Add(key);
        }
        return parsed.Count is > 0 and <= 20 ? parsed : null;
    }

    /// <summary>What contradicts these settings in a client registered with <paramref name="authMethods"/>.</summary>
    public IEnumerable<string> Inconsistencies(IReadOnlyList<string> authMethods)
    {
        if (authMethods.Contains(OAuth.ClientAuthMethods.PrivateKeyJwt) && Keys.Count == 0)
            yield return $"private_key_jwt needs the client's public keys in {JwkSetKey}";
        if (IsFapi2 && authMethods is not [OAuth.ClientAuthMethods.PrivateKeyJwt])
            yield return "the fapi2 profile requires private_key_jwt as the only authentication method";
    }

    /// <summary>True when one of the methods authenticates with a client secret.</summary>
    public static bool NeedsSecret(IReadOnlyList<string> authMethods) =>
        authMethods.Any(m => m is OAuth.ClientAuthMethods.SecretBasic or OAuth.ClientAuthMethods.SecretPost);

    /// <summary>What is wrong with the financial-grade entries of a <c>clientSettings</c> object, by key.</summary>
    public static IEnumerable<(string Key, string Problem)> Problems(IReadOnlyDictionary<string, JsonElement> settings)
    {
        if (settings.TryGetValue(JwkSetKey, out var set) && ParseKeys(set) is null)
            yield return (JwkSetKey, "Must be a JWK Set ({\"keys\": [...]}) of 1 to 20 public EC P-256 or RSA (2048+ bit) keys, without private members.");
        foreach (var key in new[] { RequireParKey, RequireDpopKey })
        {
            if (settings.TryGetValue(key, out var flag) && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                yield return (key, "Must be true or false.");
        }
        if (settings.TryGetValue(ProfileKey, out var profile)
            && profile.ValueKind != JsonValueKind.Null
            && (profile.ValueKind != JsonValueKind.String || profile.GetString() != ClientProfiles.Fapi2))
            yield return (ProfileKey, $"Must be \"{ClientProfiles.Fapi2}\" or absent.");
    }
}
