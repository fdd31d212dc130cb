using System.Security.Claims;
using Auth.Core.Tokens;
using Auth.Data.Audit;

namespace Auth.Api.Envelope;

/// <summary>Who is calling an admin endpoint, as the audit trail records it: the token's <c>sub</c> and <c>client_id</c>.</summary>
public static class AdminActor
{
    public static ClientAuditEntry Audit(ClaimsPrincipal user, string clientId, string action, IEnumerable<string> fields) =>
        new(clientId, action, user.FindFirst(ClaimNames.Subject)?.Value ?? "unknown", user.FindFirst(ClaimNames.ClientId)?.Value, fields.ToArray());
}
