using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Dpop;

/// <summary>The <c>cnf</c> claim of a DPoP-bound access token: <c>{"jkt": thumbprint}</c> (RFC 9449 §6.1, RFC 7800 §3.1).</summary>
public static class DpopBinding
{
    public const string ConfirmationClaim = "cnf";
    public const string ThumbprintMember = "jkt";

    /// <summary>The key thumbprint a token is bound to, or null for a bearer token.</summary>
    public static string? JktOf(JsonWebToken token)
    {
        // Note: read from the payload itself; only our own tokens reach here, and only theirs carry cnf as an object.
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        return payload.RootElement.TryGetProperty(ConfirmationClaim, out var cnf)
            && cnf.ValueKind == JsonValueKind.Object
            && cnf.TryGetProperty(ThumbprintMember, out var jkt)
            && jkt.ValueKind == JsonValueKind.String
                ? jkt.GetString()
                : null;
    }
}
