using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Clients;

namespace Auth.Api.Admin.Clients;

/// <summary>A client to register from the command line or the demo seed, checked before it is stored.</summary>
public sealed record NewClient
{
    public required string Id { get; init; }
    public string? Secret { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> GrantTypes { get; init; } = [];
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public IReadOnlyList<string> RedirectUris { get; init; } = [];
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];
    public IReadOnlyList<string> AuthMethods { get; init; } = ClientPolicy.DefaultAuthMethods;
    public IReadOnlyList<string> Audiences { get; init; } = [];
    public int AccessTokenTtlSeconds { get; init; } = ClientPolicy.DefaultAccessTokenTtlSeconds;
    public int RefreshTokenTtlSeconds { get; init; } = ClientPolicy.DefaultRefreshTokenTtlSeconds;
    public int CodeTtlSeconds { get; init; } = ClientPolicy.DefaultCodeTtlSeconds;
    /// <summary>The <c>clientSettings</c> JSON object (keys, PAR, DPoP, profile).</summary>
    public string ClientSettings { get; init; } = "{}";

    public bool IsPublic => ClientPolicy.IsPublic(AuthMethods.ToArray());
    private bool HasSecret => FinancialGradeSettings.NeedsSecret(AuthMethods);

    /// <summary>What is wrong with this client, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (!ClientPolicy.IsClientId(Id))
            yield return "the client id must be 1 to 128 printable ASCII characters";
        if (GrantTypes.Count == 0 || !GrantTypes.All(ClientPolicy.IsGrantType))
            yield return $"grants must be among {string.Join(", ", Core.OAuth.GrantTypes.All)}";
        if (AuthMethods.Count == 0 || !AuthMethods.All(ClientPolicy.IsAuthMethod))
            yield return $"auth methods must be among {string.Join(", ", ClientAuthMethods.All)}";
        if (!ClientPolicy.IsPublicAlone(AuthMethods.ToArray()))
            yield return "a public client (auth method none) has no other auth method";
        if (IsPublic && Secret is not null)
            yield return "a public client has no secret";
        foreach (var inconsistency in FinancialGradeSettings.Parse(ClientSettings).Inconsistencies(AuthMethods))
            yield return inconsistency;
        if (Secret is not null && !ClientPolicy.IsSecretLength(Secret))
            yield return $"a given secret must be at least {ClientSecretPolicy.MinLength} and at most {ClientPolicy.MaxSecretLength} characters";
        if (!Scopes.All(ClientPolicy.IsScope))
            yield return "scopes must be printable ASCII without spaces, quotes or backslashes";
        if (!RedirectUris.All(ClientPolicy.IsRedirectUri))
            yield return "redirect URIs must be absolute and carry no fragment (RFC 6749 §3.1.2)";
        if (!PostLogoutRedirectUris.All(ClientPolicy.IsRedirectUri))
            yield return "post-logout redirect URIs must be absolute and carry no fragment (RP-Initiated Logout 1.0 §3)";
        if (!ClientPolicy.HasRedirectUriIfNeeded(GrantTypes.ToArray(), RedirectUris.ToArray()))
            yield return "the authorization_code grant needs at least one redirect URI";
    }

    /// <summary>The row to store, and the secret to show once (null for a public client).</summary>
    public (ClientRow Row, string? Secret) ToRow()
    {
        var secret = HasSecret ? ClientSecretPolicy.Choose(Secret) : null;
        var row = new ClientRow
        {
            Id = Id,
            SecretHash = secret is null ? null : SecretHasher.Hash(secret),
            Name = Name ?? Id,
            AuthMethods = AuthMethods.ToArray(),
            GrantTypes = GrantTypes.ToArray(),
            ResponseTypes = ClientPolicy.ResponseTypesFor(GrantTypes.ToArray()),
            RedirectUris = RedirectUris.ToArray(),
            PostLogoutRedirectUris = PostLogoutRedirectUris.ToArray(),
            Scopes = Scopes.ToArray(),
            Audiences = Audiences.ToArray(),
            AccessTokenTtlSeconds = AccessTokenTtlSeconds,
            RefreshTokenTtlSeconds = RefreshTokenTtlSeconds,
            CodeTtlSeconds = CodeTtlSeconds,
            ClientSettings = ClientSettings,
        };
        return (row, secret);
    }

    /// <summary>The JSON the command line prints for a stored client.</summary>
    public object Describe(string? secret) => new
    {
        clientId = Id,
        clientSecret = secret,
        name = Name ?? Id,
        grantTypes = GrantTypes,
        scopes = Scopes,
        redirectUris = RedirectUris,
        postLogoutRedirectUris = PostLogoutRedirectUris,
        authMethods = AuthMethods,
        audiences = Audiences.Count > 0 ? Audiences : [Id],
        accessTokenTtl = AccessTokenTtlSeconds,
        refreshTokenTtl = RefreshTokenTtlSeconds,
        codeTtl = CodeTtlSeconds,
        clientSettings = System.Text.Json.JsonDocument.Parse(ClientSettings).RootElement.Clone(),
    };
}
