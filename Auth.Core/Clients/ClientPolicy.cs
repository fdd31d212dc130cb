using Auth.Core.OAuth;

namespace Auth.Core.Clients;

/// <summary>
/// The rules every registered client obeys and the defaults it gets, whoever registers it: the
/// command line, the admin API, self-registration. Each rule is a named predicate; the callers
/// word the message for their own audience.
/// </summary>
public static class ClientPolicy
{
    public const int MaxIdLength = 128;
    public const int MaxSecretLength = 512;

    public static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultRefreshTokenLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultCodeLifetime = TimeSpan.FromMinutes(5);

    public static int DefaultAccessTokenTtlSeconds => (int)DefaultAccessTokenLifetime.TotalSeconds;
    public static int DefaultRefreshTokenTtlSeconds => (int)DefaultRefreshTokenLifetime.TotalSeconds;
    public static int DefaultCodeTtlSeconds => (int)DefaultCodeLifetime.TotalSeconds;

    public static readonly IReadOnlyList<string> DefaultAuthMethods = [ClientAuthMethods.SecretBasic, ClientAuthMethods.SecretPost];

    /// <summary>1 to 128 printable ASCII characters.</summary>
    public static bool IsClientId(string id) => id.Length is > 0 and <= MaxIdLength && id.All(c => c is >= '!' and <= '~');

    /// <summary>
    /// An absolute URI without a fragment (RFC 6749 §3.1.2).
    /// </summary>
    // Note: on Unix "/path" parses as an absolute file URI, so a leading slash and file: are refused outright.
    public static bool IsRedirectUri(string? uri) =>
        uri is not null && !uri.StartsWith('/') && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && !parsed.IsFile && parsed.Fragment.Length == 0;

    /// <summary>A scope token: printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3).</summary>
    public static bool IsScope(string? scope) =>
        !string.IsNullOrEmpty(scope) && scope.All(c => c is >= '!' and <= '~' and not '"' and not '\\');

    public static bool IsGrantType(string grantType) => GrantTypes.All.Contains(grantType);

    /// <summary>
    /// The grants a self-registered (third-party) app may ask for. password and client_credentials are
    /// only for clients an operator creates (command line, admin API): a third party never sees the
    /// user's password (RFC 9700 §2.4) nor acts on its own authority.
    /// </summary>
    public static readonly IReadOnlyList<string> SelfRegisteredGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    public static bool IsSelfRegisteredGrantType(string grantType) => SelfRegisteredGrantTypes.Contains(grantType);

    public static bool IsAuthMethod(string method) => ClientAuthMethods.All.Contains(method);

    /// <summary>A public client (auth method none) has no other auth method.</summary>
    public static bool IsPublicAlone(IReadOnlyCollection<string> authMethods) =>
        !authMethods.Contains(ClientAuthMethods.None) || authMethods.Count == 1;

    public static bool IsPublic(IReadOnlyCollection<string> authMethods) =>
        authMethods.Count == 1 && authMethods.Contains(ClientAuthMethods.None);

    /// <summary>A given secret is empty (generate one) or 32 to 512 characters.</summary>
    public static bool IsSecretLength(string secret) =>
        secret.Length is >= ClientSecretPolicy.MinLength and <= MaxSecretLength;

    /// <summary>The authorization_code grant needs at least one redirect URI (RFC 6749 §3.1.2.2).</summary>
    public static bool HasRedirectUriIfNeeded(IReadOnlyCollection<string> grantTypes, IReadOnlyCollection<string> redirectUris) =>
        !grantTypes.Contains(GrantTypes.AuthorizationCode) || redirectUris.Count > 0;

    /// <summary>The response types a client's grants call for: <c>code</c> with authorization_code, none otherwise.</summary>
    public static string[] ResponseTypesFor(IReadOnlyCollection<string> grantTypes) =>
        grantTypes.Contains(GrantTypes.AuthorizationCode) ? [Authorization.AuthorizationRequestValidator.CodeResponseType] : [];
}
