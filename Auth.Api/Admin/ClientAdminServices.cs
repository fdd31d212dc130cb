
namespace Auth.Api.Admin;

/// <summary>The list query of document 004; read as text so a malformed value is a 400 envelope, not a binding failure.</summary>
public sealed record ClientListQuery(string? ClientName, string? Enabled, string? TenantId, string? PageNo, string? PageSize);
