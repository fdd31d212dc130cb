using Auth.Core.Clients;

namespace Auth.Data.Clients;

/// <summary>A row of <c>clients</c> as Dapper reads it.</summary>
public sealed class ClientRow
{
    public string Id { get; init; } = "";
    public byte[]? SecretHash { get; init; }
    public DateTimeOffset? SecretExpiresAt { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string[] AuthMethods { get; init; } = [];
    public string[] GrantTypes { get; init; } = [];
    public string[] ResponseTypes { get; init; } = [];
    public string[] RedirectUris { get; init; } = [];
    public string[] PostLogoutRedirectUris { get; init; } = [];
    public string[] Scopes { get; init; } = [];
    public string[] Audiences { get; init; } = [];
    public int AccessTokenTtlSeconds { get; init; } = ClientPolicy.DefaultAccessTokenTtlSeconds;
    public int RefreshTokenTtlSeconds { get; init; } = ClientPolicy.DefaultRefreshTokenTtlSeconds;
    public int CodeTtlSeconds { get; init; } = ClientPolicy.DefaultCodeTtlSeconds;
    public string ClientSettings { get; init; } = "{}";
    public bool Enabled { get; init; } = true;
    public string Status { get; init; } = ClientStatus.Active;
    public string? Platform { get; init; }
    public string? Source { get; init; }
    public string? BizTag { get; init; }
    public string? TenantId { get; init; }
    public string? TenantName { get; init; }
    public int Version { get; init; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public Client ToClient() => new()
    {
        Id = Id,
        SecretHash = SecretHash,
        SecretExpiresAt = SecretExpiresAt,
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
        FinancialGrade = FinancialGradeSettings.Parse(ClientSettings),
    };
}
