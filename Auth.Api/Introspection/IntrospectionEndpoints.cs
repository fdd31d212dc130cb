using System.Buffers;
using System.Text;
using System.Text.Json;
using Auth.Api.Bearer;
using Auth.Api.Hosting;
using Auth.Api.OAuth;
using Auth.Api.Hosting.OpenApi;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Data.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Introspection;

/// <summary>What token introspection needs, bound with [AsParameters].</summary>
public sealed record IntrospectionServices(
    ClientAuthentication ClientAuthentication,
    AccessTokenVerifier AccessTokens,
    TokenStateStore TokenState,
    AuthSettings Settings,
    TimeProvider Clock,
    Hosting.Observability.AuthMetrics Metrics);

/// <summary>
/// Token introspection (RFC 7662). A caller sees the tokens issued to it and the access tokens
/// whose <c>aud</c> names it; anything else, unknown, expired, revoked or malformed is
/// <c>{"active": false}</c>, never an error.
/// </summary>
public static class IntrospectionEndpoints
{
    private static readonly object Inactive = new Dictionary<string, object> { ["active"] = false };

    public static IEndpointRouteBuilder MapIntrospectionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/introspect", Introspect).DisableAntiforgery()
            .WithTags(DocumentDescription.OAuth).WithSummary("Introspect a token (RFC 7662)")
            .WithDescription("`token` in the form body (or the query string, as document 000 sends it). Confidential clients only. Anything unknown, expired, revoked or not visible to the caller is `{\"active\": false}`.")
            .ClientAuthenticated().FormBody<TokenLookupForm>()
            .Query("token", "The token, when not in the body (document 000).")
            .Query("token_type_hint", "access_token or refresh_token.")
            .Produces<IntrospectionAnswer>()
            .ProducesOAuthErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable)
            .RequestExample("token", "An access token (document 000)", SeedExamples.IntrospectRequest)
            .ResponseExample(StatusCodes.Status200OK, "active", "An active access token (document 000, plus client_id and token_type)", SeedExamples.IntrospectActive)
            .ResponseExample(StatusCodes.Status200OK, "inactive", "Revoked, expired, unknown or another client's", SeedExamples.IntrospectInactive)
            .ResponseExample(StatusCodes.Status401Unauthorized, "invalid_client", "Bad client credentials", SeedExamples.InvalidClient);
        return routes;
    }

    /// <summary>
    /// Authenticates the caller, then looks the token up as the hinted type first and as the other
    /// type after (RFC 7662 §2.1: the hint is honoured, not trusted).
    /// </summary>
    private static async Task<IResult> Introspect(HttpContext http, [AsParameters] IntrospectionServices services)
    {
        var request = await TokenRequest.ReadAsync(http.Request, services.ClientAuthentication);
        if (request.IsError)
            return OAuthResults.Error(request.Error!);

        // Reject public clients: introspection is for authenticated callers (RFC 7662 §2.1, §4).
        if (request.Value!.Client.IsPublic)
            return OAuthResults.Error(OAuthError.InvalidClient("Client authentication is required."));

        var (caller, token, hint) = (request.Value.Client.Id, request.Value.Token, request.Value.TokenTypeHint);
        var answer = hint == TokenTypeHints.RefreshToken
            ? await AsRefreshTokenAsync(token, caller, services) ?? await AsAccessTokenAsync(token, caller, services)
            : await AsAccessTokenAsync(token, caller, services) ?? await AsRefreshTokenAsync(token, caller, services);
        services.Metrics.Introspected(answer is not null && answer != Inactive);
        return OAuthResults.Json(answer ?? Inactive);
    }

    /// <summary>The answer for an access token, or null when the string is not one of ours.</summary>
    private static async Task<object?> AsAccessTokenAsync(string token, string caller, IntrospectionServices services)
    {
        var verification = await services.AccessTokens.VerifyAsync(token);
        if (verification.State == AccessTokenState.Invalid)
            return null;
        if (verification.State != AccessTokenState.Active || !IsVisible(verification.Token!, caller))
            return Inactive;

        // RFC 7662 §2.2: the token's own claims, except jti (seed 000), plus token_type.
        // Note: copied from the payload as UTF-8 JSON, the hot path of introspection, without an object model.
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        using (var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(verification.Token!.EncodedPayload)))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("active", true);
            var tokenType = TokenTypeHints.Bearer;
            foreach (var claim in payload.RootElement.EnumerateObject())
            {
                if (claim.Name is not (ClaimNames.JwtId or "active" or "token_type"))
                    claim.WriteTo(writer);
                // RFC 9449 §6.2: a DPoP-bound token is introspected with its cnf and token_type DPoP.
                if (claim.Name == Core.Dpop.DpopBinding.ConfirmationClaim)
                    tokenType = Core.Dpop.DpopErrors.TokenType;
            }
            writer.WriteString("token_type", tokenType);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The answer for a refresh token, or null when no refresh token has this value.</summary>
    private static async Task<object?> AsRefreshTokenAsync(string token, string caller, IntrospectionServices services)
    {
        if (!OpaqueTokenShape.Matches(token))
            return null;
        var stored = await services.TokenState.FindRefreshTokenAsync(SecretHasher.Hash(token));
        if (stored is null)
            return null;
        // Note: a refresh token is only ever presented by its own client, so only that client sees it.
        if (stored.ClientId != caller || !stored.IsActive(services.Clock.GetUtcNow()))
            return Inactive;
        return RefreshTokenClaims(stored, services.Settings.Issuer);
    }

    private static Dictionary<string, object> RefreshTokenClaims(StoredRefreshToken stored, string issuer)
    {
        var answer = new Dictionary<string, object>
        {
            ["active"] = true,
            [ClaimNames.Issuer] = issuer,
            [ClaimNames.Subject] = stored.UserId!.Value.ToString(),
            [ClaimNames.ClientId] = stored.ClientId,
            [ClaimNames.Scope] = stored.Scope,
            [ClaimNames.Expires] = stored.ExpiresAt.ToUnixTimeSeconds(),
            [ClaimNames.IssuedAt] = stored.CreatedAt.ToUnixTimeSeconds(),
        };
        if (stored.Username is not null)
            answer[ClaimNames.Username] = stored.Username;
        answer["token_type"] = TokenTypeHints.RefreshToken;
        return answer;
    }

    /// <summary>Issued to the caller, or naming the caller among its audiences (a resource server).</summary>
    private static bool IsVisible(JsonWebToken jwt, string caller) =>
        jwt.GetPayloadValue<string>(ClaimNames.ClientId) == caller || jwt.Audiences.Contains(caller);
}
