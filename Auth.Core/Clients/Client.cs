namespace Auth.Core.Clients;

/// <summary>What the grants need to know about a registered client.</summary>
public sealed record Client
{
    public required string Id { get; init; }
    public byte[]? SecretHash { get; init; }
    public DateTimeOffset? SecretExpiresAt { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> AuthMethods { get; init; } = [];
    public IReadOnlyList<string> GrantTypes { get; init; } = [];
    public IReadOnlyList<string> RedirectUris { get; init; } = [];
    /// <summary>Where the end-session endpoint may send the browser after sign-out (RP-Initiated Logout 1.0 §3).</summary>
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public IReadOnlyList<string> Audiences { get; init; } = [];
    public TimeSpan AccessTokenLifetime { get; init; } = ClientPolicy.DefaultAccessTokenLifetime;
    public TimeSpan RefreshTokenLifetime { get; init; } = ClientPolicy.DefaultRefreshTokenLifetime;
    public TimeSpan CodeLifetime { get; init; } = ClientPolicy.DefaultCodeLifetime;
    public bool Enabled { get; init; } = true;
    public string Status { get; init; } = ClientStatus.Active;
    /// <summary>Keys for <c>private_key_jwt</c>, PAR and DPoP requirements, profile (<c>clientSettings</c>).</summary>
    public FinancialGradeSettings FinancialGrade { get; init; } = FinancialGradeSettings.None;

    public bool IsPublic => ClientPolicy.IsPublic(AuthMethods.ToArray());

    /// <summary>The token audiences: the registered ones, else the client's own id.</summary>
    public IReadOnlyList<string> TokenAudiences => Audiences.Count > 0 ? Audiences : [Id];
}

public static class ClientStatus
{
    public const string Active = "active";
    public const string Pending = "pending";
    public const string Rejected = "rejected";
}
