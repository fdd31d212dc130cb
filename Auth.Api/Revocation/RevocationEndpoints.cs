using Auth.Api.Bearer;
using Auth.Api.OAuth;
using Auth.Api.Hosting.OpenApi;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Data.Tokens;

namespace Auth.Api.Revocation;

/// <summary>What token revocation needs, bound with [AsParameters].</summary>
public sealed record RevocationServices(
    ClientAuthentication ClientAuthentication,
    AccessTokenVerifier AccessTokens,
    TokenStateStore TokenState,
    TimeProvider Clock,
    Auth.Data.Consents.ConsentStore Consents);

/// <summary>
/// Token revocation (RFC 7009). Revoking an access token revokes it by its id and its family (the
/// refresh token it came with); revoking a refresh token revokes its family, access tokens
/// included. Only the caller's own tokens are touched; the answer is the same for any token.
/// </summary>
public static class RevocationEndpoints
{
    public static IEndpointRouteBuilder MapRevocationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/revoke", Revoke).DisableAntiforgery()
            .WithTags(DocumentDescription.OAuth).WithSummary("Revoke a token (RFC 7009)")
            .WithDescription("200 with an empty body for any token, known or not. An access token takes its refresh token with it; a refresh token its whole family. Never touches another client's token.")
            .ClientAuthenticated().FormBody<TokenLookupForm>()
            .Query("token", "The token, when not in the body (document 000).")
            .Query("token_type_hint", "access_token or refresh_token.")
            .ProducesEmpty(StatusCodes.Status200OK)
            .ProducesOAuthErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable)
            .RequestExample("token", "Any token (document 000)", SeedExamples.RevokeRequest)
            .ResponseExample(StatusCodes.Status400BadRequest, "invalid_request", "No token", SeedExamples.InvalidRequest);
        return routes;
    }

    /// <summary>
    /// Authenticates the caller (public clients too, by client_id: RFC 7009 §5), revokes the token if
    /// it is the caller's, and answers 200 with an empty body whether it was or not (RFC 7009 §2.2).
    /// </summary>
    private static async Task<IResult> Revoke(HttpContext http, [AsParameters] RevocationServices services)
    {
        var request = await TokenRequest.ReadAsync(http.Request, services.ClientAuthentication);
        if (request.IsError)
            return OAuthResults.Error(request.Error!);

        var (caller, token) = (request.Value!.Client.Id, request.Value.Token);
        // RFC 7009 §2.1: the hint only orders the lookups; the other type is tried when the first misses.
        if (request.Value.TokenTypeHint == TokenTypeHints.RefreshToken)
        {
            if (!await RevokeRefreshTokenAsync(token, caller, services))
                await RevokeAccessTokenAsync(token, caller, services);
        }
        else if (!await RevokeAccessTokenAsync(token, caller, services))
            await RevokeRefreshTokenAsync(token, caller, services);

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return Results.Ok();
    }

    /// <summary>True when the string is one of our access tokens (signature checked), whether or not it was the caller's.</summary>
    private static async Task<bool> RevokeAccessTokenAsync(string token, string caller, RevocationServices services)
    {
        var verification = await services.AccessTokens.VerifyAsync(token);
        if (verification.Token is not { } jwt)
            return false;

        // Reject, silently, a token issued to another client (RFC 7009 §2.1).
        if (jwt.GetPayloadValue<string>(ClaimNames.ClientId) != caller)
            return true;

        Guid? familyId = jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var sid) && Guid.TryParse(sid, out var g) ? g : null;
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        await services.TokenState.RevokeAccessTokenAsync(Guid.Parse(jwt.Id), caller, expiresAt, familyId, services.Clock.GetUtcNow());
        return true;
    }

    /// <summary>
    /// True when a refresh token of the caller had this value and its family is now revoked. Revoking
    /// the grant also forgets the consent the user remembered for the caller, as node-oidc-provider does.
    /// </summary>
    private static async Task<bool> RevokeRefreshTokenAsync(string token, string caller, RevocationServices services)
    {
        if (!OpaqueTokenShape.Matches(token))
            return false;
        var hash = SecretHasher.Hash(token);
        if (!await services.TokenState.RevokeFamilyOfRefreshTokenAsync(hash, caller, services.Clock.GetUtcNow()))
            return false;
        await services.Consents.ForgetForRefreshTokenAsync(hash, caller);
        return true;
    }
}
