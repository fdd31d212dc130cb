using Auth.Core.Clients;

namespace Auth.Data.Clients;

/// <summary>A row of <c>clients</c> as Dapper reads it.</summary>
public sealed class ClientRow
{
    public string Id { get; init; } = "";
    public byte[]? SecretHash { get; init; }
    public DateTime? SecretExpiresAt { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string[] AuthMethods { get; init; } = [];
    public string[] GrantTypes { get; init; } = [];
    public string[] ResponseTypes { get; init; } = [];
    public string[] RedirectUris { get; init; } = [];
    public string[] PostLogoutRedirectUris { get; init; } = [];
    public string[] Scopes { get; init; } = [];
    public string[] Audiences { get; init; } = [];
    public int AccessTokenTtlSeconds { get; init; } = 3600;
    public int RefreshTokenTtlSeconds { get; init; } = 2_592_000;
    public int CodeTtlSeconds { get; init; } = 300;
    public string ClientSettings { get; init; } = "{}";
    public bool Enabled { get; init; } = true;
    public string Status { get; init; } = ClientStatus.Active;
    public string? Platform { get; init; }
    public string? Source { get; init; }
    public string? BizTag { get; init; }
    public string? TenantId { get; init; }
    public string? TenantName { get; init; }
    public int Version { get; init; } = 1;
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public Client ToClient() => new()
    {
        Id = Id,
        SecretHash = SecretHash,
        SecretExpiresAt = SecretExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
        Name = Name,
        AuthMethods = AuthMethods,
        GrantTypes = GrantTypes,
        RedirectUris = RedirectUris,
        PostLogoutRedirectUris = PostLogoutRedirectUris,
        Scopes = Scopes,
        Audiences = Audiences,
        AccessTokenLifetime = TimeSpan.FromSeconds(AccessTokenTtlSeconds),
        RefreshTokenLifetime = TimeSpan.FromSeconds(RefreshTokenTtlSeconds),
        CodeLifetime = TimeSpan.FromSeconds(CodeTtlSeconds),
        Enabled = Enabled,
        Status = Status,
    };
}
