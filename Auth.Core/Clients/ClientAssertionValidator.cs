using System.Text.Json;
using Auth.Core.Jose;
using Auth.Core.OAuth;

namespace Auth.Core.Clients;

/// <summary>A checked client assertion: its <c>jti</c>, and until when the replay store must remember it.</summary>
public sealed record CheckedAssertion(string Jti, DateTimeOffset RememberUntil);

/// <summary>
/// <c>private_key_jwt</c> (RFC 7523 §3, OpenID Connect Core §9): checks a client assertion against the
/// client's registered JWKS: signed by one of its keys with ES256, PS256 or RS256, <c>iss</c> and <c>sub</c>
/// the client id, <c>aud</c> one of ours, short-lived, with a <c>jti</c>. Replay of the <c>jti</c> is
/// state, so the caller checks it after this succeeds.
/// </summary>
public static class ClientAssertionValidator
{
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The longest an assertion may live: FAPI 2.0 and RFC 7523 §3 ask for a short <c>exp</c>.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly OAuthError Failed = OAuthError.InvalidClient("Client authentication failed.");

    /// <summary>The client id an assertion claims (<c>sub</c>, RFC 7523 §3 item B), unverified: only to find the client.</summary>
    public static string? ClaimedClientId(string assertion)
    {
        using var jws = CompactJws.Parse(assertion);
        return jws?.PayloadText("sub");
    }

    /// <param name="audiences">What <c>aud</c> may name: our issuer and the URL of the endpoint called.</param>
    public static Outcome<CheckedAssertion> Validate(string assertion, Client client, IReadOnlyList<string> audiences, DateTimeOffset now)
    {
        using var jws = CompactJws.Parse(assertion);
        if (jws is null)
            return Failed;

        // Reject none, HMAC (a client secret as key) and unsupported algorithms.
        var alg = jws.HeaderText("alg");
        if (alg is null || !AsymmetricJwk.Algorithms.Contains(alg))
            return Failed;

        // Reject an assertion none of the client's registered keys signed (RFC 7523 §3 item 9).
        var kid = jws.HeaderText("kid");
        var signed = client.FinancialGrade.Keys
            .Where(k => k.Supports(alg) && (kid is null || k.KeyId is null || k.KeyId == kid))
            .Any(k => k.Verify(alg, jws.SigningInput, jws.Signature));
        if (!signed)
            return Failed;

        // Reject an assertion about or from another client (RFC 7523 §3 items 1-2).
        if (jws.PayloadText("iss") != client.Id || jws.PayloadText("sub") != client.Id)
            return OAuthError.InvalidClient("The client assertion's iss and sub must be the client id.");

        // Reject an assertion meant for another server (RFC 7523 §3 item 3).
        if (!NamesOneOf(jws.Payload, audiences))
            return OAuthError.InvalidClient("The client assertion's aud must be the issuer or this endpoint.");

        // Reject an expired assertion, and one living longer than we allow (RFC 7523 §3 item 4).
        if (jws.PayloadTime("exp") is not { } exp || exp <= now - Skew)
            return OAuthError.InvalidClient("The client assertion expired.");
        var iat = jws.PayloadTime("iat");
        if (exp > now + MaxLifetime || (iat is { } issued && (issued > now + Skew || exp - issued > MaxLifetime)))
            return OAuthError.InvalidClient("The client assertion lives too long: at most five minutes.");
        if (jws.PayloadTime("nbf") is { } nbf && nbf > now + Skew)
            return OAuthError.InvalidClient("The client assertion is not valid yet.");

        // Reject an assertion without a jti: without one a replay cannot be told (RFC 7523 §3 item 7).
        var jti = jws.PayloadText("jti");
        if (string.IsNullOrEmpty(jti) || jti.Length > 256)
            return OAuthError.InvalidClient("The client assertion must carry a jti.");

        return new CheckedAssertion(jti, exp + Skew);
    }

    private static bool NamesOneOf(JsonElement payload, IReadOnlyList<string> audiences)
    {
        if (!payload.TryGetProperty("aud", out var aud))
            return false;
        if (aud.ValueKind == JsonValueKind.String)
            return audiences.Contains(aud.GetString());
        return aud.ValueKind == JsonValueKind.Array
            && aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && audiences.Contains(a.GetString()));
    }
}
