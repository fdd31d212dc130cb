using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>A client as the admin API shows it. <c>clientSecret</c> appears only in the answer that created or generated it.</summary>
public sealed record ClientView
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }
    public DateTimeOffset? ClientSecretExpiresAt { get; init; }
    public required string ClientName { get; init; }
    public required IReadOnlyList<string> ClientAuthenticationMethods { get; init; }
    public required IReadOnlyList<string> AuthorizationGrantTypes { get; init; }
    public required IReadOnlyList<string> RedirectUris { get; init; }
    public required IReadOnlyList<string> PostLogoutRedirectUris { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required IReadOnlyList<string> Audiences { get; init; }
    public required JsonElement ClientSettings { get; init; }
    public required IReadOnlyDictionary<string, string> TokenSettings { get; init; }
    public string? Description { get; init; }
    public bool Enabled { get; init; }
    public required string Status { get; init; }
    public string? Platform { get; init; }
    public string? Source { get; init; }
    public string? BizTag { get; init; }
    public string? TenantId { get; init; }
    public string? TenantName { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One page of the client list.</summary>
public sealed record ClientPage(long Total, int PageNo, int PageSize, IReadOnlyList<ClientView> List);

/// <summary>The outcome of a delete: which ids were deleted and which named no client.</summary>
public sealed record ClientDeletion(IReadOnlyList<string> Deleted, IReadOnlyList<string> NotFound);

/// <summary>One audit entry as operators read it (field names only, never values).</summary>
public sealed record ClientAuditView(string Action, string Actor, string? ActorClientId, IReadOnlyList<string> Fields, DateTimeOffset At);
