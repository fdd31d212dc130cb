using Auth.Data.Audit;
using Auth.Data.Clients;

namespace Auth.Api.ClientAdmin;

/// <summary>What the client administration handlers need, bound with <c>[AsParameters]</c>.</summary>
public sealed record ClientAdminServices(ClientStore Clients, ClientAdminStore Admin, ClientAuditStore Audit);

/// <summary>The list query of document 004; read as text so a malformed value is a 400 envelope, not a binding failure.</summary>
public sealed record ClientListQuery(string? ClientName, string? Enabled, string? TenantId, string? PageNo, string? PageSize);
