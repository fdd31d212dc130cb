using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.Admin.Envelope;

namespace Auth.Api.Admin;

/// <summary>
/// The client body of document 004 for add (POST), replace (PUT) and update (PATCH). A null or absent
/// field means "not given": PATCH keeps the stored value, POST and PUT take the default.
/// <c>clientSecret</c>: absent keeps the secret, <c>""</c> generates a new one (shown once), a value of
/// 32+ characters sets it. <c>version</c> (or the <c>If-Match</c> header) guards against stale writes.
/// </summary>
public sealed record ClientRequest
{
    public string? Id { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? ClientSecretExpiresAt { get; init; }
    public string? ClientName { get; init; }
    public List<string>? ClientAuthenticationMethods { get; init; }
    public List<string>? AuthorizationGrantTypes { get; init; }
    public List<string>? RedirectUris { get; init; }
    public List<string>? PostLogoutRedirectUris { get; init; }
    public List<string>? Scopes { get; init; }
    public List<string>? Audiences { get; init; }
    public Dictionary<string, JsonElement>? ClientSettings { get; init; }
    public Dictionary<string, JsonElement>? TokenSettings { get; init; }
    public string? Description { get; init; }
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? Enabled { get; init; }
    public string? Platform { get; init; }
    public string? Source { get; init; }
    public string? BizTag { get; init; }
    public string? TenantId { get; init; }
    public string? TenantName { get; init; }
    public int? Version { get; init; }

    /// <summary>The client this request names: <c>clientId</c>, else <c>id</c> (the same thing here).</summary>
    [JsonIgnore]
    public string? TargetId => ClientId ?? Id;
}
