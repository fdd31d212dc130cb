using System.Text.Json;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Clients;

namespace Auth.Api.Admin;

/// <summary>The row to store, the secret to show once (if one was generated), and the fields the request changed.</summary>
public sealed record MergedClient(ClientRow Row, string? RevealedSecret, IReadOnlyList<string> Fields);

/// <summary>
/// Applies a <see cref="ClientRequest"/> to the stored client: on update (PATCH) absent fields keep
/// their stored value; on add and replace they take the defaults. The exceptions: the secret (absent
/// keeps it, <c>""</c> generates one, and a confidential client without one gets one generated), its
/// expiry (kept with a kept secret unless given, none for a new one) and <c>enabled</c> (absent keeps it).
/// </summary>
public static class ClientMerge
{
    public static MergedClient Apply(ClientRow? current, ClientRequest request, string id, bool partial)
    {
        var basis = partial ? current : null;
        var authMethods = request.ClientAuthenticationMethods?.ToArray() ?? basis?.AuthMethods ?? ClientPolicy.DefaultAuthMethods.ToArray();
        var grantTypes = request.AuthorizationGrantTypes?.ToArray() ?? basis?.GrantTypes ?? [];
        var (secretHash, revealed) = ChooseSecret(current, request, authMethods);
        var secretKept = current?.SecretHash is { } before && secretHash is not null && before.AsSpan().SequenceEqual(secretHash);
        var tokens = request.TokenSettings;

        var row = new ClientRow
        {
            Id = id,
            SecretHash = secretHash,
            // Note: the expiry travels with the secret: kept with it on PUT and PATCH, dropped when a new secret replaces it.
            SecretExpiresAt = request.ClientSecretExpiresAt is { } expires
                ? ClientRequestValidator.ParseTime(expires)?.ToUniversalTime()
                : secretKept ? current!.SecretExpiresAt : null,
            Name = request.ClientName ?? basis?.Name ?? id,
            Description = Text(request.Description, basis?.Description),
            AuthMethods = authMethods,
            GrantTypes = grantTypes,
            ResponseTypes = ClientPolicy.ResponseTypesFor(grantTypes),
            RedirectUris = request.RedirectUris?.ToArray() ?? basis?.RedirectUris ?? [],
            PostLogoutRedirectUris = request.PostLogoutRedirectUris?.ToArray() ?? basis?.PostLogoutRedirectUris ?? [],
            Scopes = request.Scopes?.Distinct().ToArray() ?? basis?.Scopes ?? [],
            Audiences = request.Audiences?.Distinct().ToArray() ?? basis?.Audiences ?? [],
            AccessTokenTtlSeconds = Ttl(tokens, TokenSettings.AccessTokenTtl) ?? basis?.AccessTokenTtlSeconds ?? ClientPolicy.DefaultAccessTokenTtlSeconds,
            RefreshTokenTtlSeconds = Ttl(tokens, TokenSettings.RefreshTokenTtl) ?? basis?.RefreshTokenTtlSeconds ?? ClientPolicy.DefaultRefreshTokenTtlSeconds,
            CodeTtlSeconds = Ttl(tokens, TokenSettings.CodeTtl) ?? basis?.CodeTtlSeconds ?? ClientPolicy.DefaultCodeTtlSeconds,
            ClientSettings = request.ClientSettings is { } settings ? JsonSerializer.Serialize(settings) : basis?.ClientSettings ?? "{}",
            // Note: a PUT without enabled must not re-enable a client an operator disabled.
            Enabled = request.Enabled ?? current?.Enabled ?? true,
            // Note: approval is its own act (/api/v1/apps/{id}/approve); an edit never changes it.
            Status = current?.Status ?? ClientStatus.Active,
            Platform = Text(request.Platform, basis?.Platform),
            Source = Text(request.Source, basis?.Source),
            BizTag = Text(request.BizTag, basis?.BizTag),
            TenantId = Text(request.TenantId, basis?.TenantId),
            TenantName = Text(request.TenantName, basis?.TenantName),
        };

        var fields = GivenFields(request).ToList();
        if (!secretKept && secretHash is not null && !fields.Contains("clientSecret"))
            fields.Add("clientSecret");
        return new MergedClient(row, revealed, fields);
    }

    /// <summary>What is inconsistent in a merged client, by field, or nothing.</summary>
    public static IReadOnlyDictionary<string, string[]> Problems(MergedClient merged, ClientRequest request)
    {
        var problems = new Dictionary<string, string[]>();
        var row = merged.Row;
        // Reject authorization_code without a redirect URI (RFC 6749 §3.1.2.2).
        if (!ClientPolicy.HasRedirectUriIfNeeded(row.GrantTypes, row.RedirectUris))
            problems["redirectUris"] = ["The authorization_code grant needs at least one redirect URI."];
        // Reject a secret for a public client.
        if (ClientPolicy.IsPublic(row.AuthMethods) && !string.IsNullOrEmpty(request.ClientSecret))
            problems["clientSecret"] = ["A public client (auth method none) has no secret."];
        // Reject private_key_jwt without keys, and a fapi2 client that may authenticate otherwise.
        var inconsistencies = FinancialGradeSettings.Parse(row.ClientSettings).Inconsistencies(row.AuthMethods).ToArray();
        if (inconsistencies.Length > 0)
            problems["clientSettings"] = inconsistencies;
        return problems;
    }

    public static ClientView View(ClientRow row, string? revealedSecret = null) => new()
    {
        Id = row.Id,
        ClientId = row.Id,
        ClientSecret = revealedSecret,
        ClientSecretExpiresAt = row.SecretExpiresAt,
        ClientName = row.Name,
        ClientAuthenticationMethods = row.AuthMethods,
        AuthorizationGrantTypes = row.GrantTypes,
        RedirectUris = row.RedirectUris,
        PostLogoutRedirectUris = row.PostLogoutRedirectUris,
        Scopes = row.Scopes,
        Audiences = row.Audiences,
        ClientSettings = JsonDocument.Parse(row.ClientSettings).RootElement.Clone(),
        TokenSettings = TokenSettings.Describe(row.AccessTokenTtlSeconds, row.RefreshTokenTtlSeconds, row.CodeTtlSeconds),
        Description = row.Description,
        Enabled = row.Enabled,
        Status = row.Status,
        Platform = row.Platform,
        Source = row.Source,
        BizTag = row.BizTag,
        TenantId = row.TenantId,
        TenantName = row.TenantName,
        Version = row.Version,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };

    private static (byte[]? Hash, string? Revealed) ChooseSecret(ClientRow? current, ClientRequest request, string[] authMethods)
    {
        // Note: public and private_key_jwt clients have no secret to check.
        if (!FinancialGradeSettings.NeedsSecret(authMethods))
            return (null, null);
        if (request.ClientSecret is { Length: > 0 } given)
            return (SecretHasher.Hash(given), null);
        if (request.ClientSecret is null && current?.SecretHash is { } kept)
            return (kept, null);
        var generated = ClientSecretPolicy.Generate();
        return (SecretHasher.Hash(generated), generated);
    }

    private static int? Ttl(Dictionary<string, JsonElement>? settings, string key) =>
        settings is not null && settings.TryGetValue(key, out var value) ? TokenSettings.Seconds(value) : null;

    /// <summary>A given text replaces the stored one; <c>""</c> clears it.</summary>
    private static string? Text(string? given, string? stored) => given is null ? stored : given.Length == 0 ? null : given;

    private static IEnumerable<string> GivenFields(ClientRequest r)
    {
        if (r.ClientSecret is not null) yield return "clientSecret";
        if (r.ClientSecretExpiresAt is not null) yield return "clientSecretExpiresAt";
        if (r.ClientName is not null) yield return "clientName";
        if (r.ClientAuthenticationMethods is not null) yield return "clientAuthenticationMethods";
        if (r.AuthorizationGrantTypes is not null) yield return "authorizationGrantTypes";
        if (r.RedirectUris is not null) yield return "redirectUris";
        if (r.PostLogoutRedirectUris is not null) yield return "postLogoutRedirectUris";
        if (r.Scopes is not null) yield return "scopes";
        if (r.Audiences is not null) yield return "audiences";
        if (r.ClientSettings is not null) yield return "clientSettings";
        if (r.TokenSettings is not null) yield return "tokenSettings";
        if (r.Description is not null) yield return "description";
        if (r.Enabled is not null) yield return "enabled";
        if (r.Platform is not null) yield return "platform";
        if (r.Source is not null) yield return "source";
        if (r.BizTag is not null) yield return "bizTag";
        if (r.TenantId is not null) yield return "tenantId";
        if (r.TenantName is not null) yield return "tenantName";
    }
}
