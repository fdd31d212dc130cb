using System.Security.Claims;
using Auth.Core.Tokens;
using Auth.Data.Audit;

namespace Auth.Api.Admin.Envelope;

/// <summary>Who made a change, as the audit trail records it: a user id or client id, and the client it acted through (if any).</summary>
public sealed record AuditActor(string Actor, string? ActorClientId)
{
    public ClientAuditEntry Entry(string? clientId, string action, IEnumerable<string> fields, Guid? userId = null, string? note = null) =>
        new(clientId, action, Actor, ActorClientId, fields.ToArray()) { UserId = userId, Note = note };
}

/// <summary>Who is calling an admin endpoint: the token's <c>sub</c> and <c>client_id</c>.</summary>
public static class AdminActor
{
    public static AuditActor From(ClaimsPrincipal user) =>
        new(user.FindFirst(ClaimNames.Subject)?.Value ?? "unknown", user.FindFirst(ClaimNames.ClientId)?.Value);
}
