using Auth.Api.Hosting.OpenApi;
using Auth.Api.Bearer;
using Auth.Api.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Core.Tokens;
using Auth.Data.Users;

namespace Auth.Api.UserInfo;

/// <summary>
/// The UserInfo endpoint (OpenID Connect Core §5.3): GET or POST with a bearer access token that
/// holds <c>openid</c>; answers <c>sub</c> and the claims the token's scopes release. A missing or
/// bad token is RFC 6750's 401, a token without <c>openid</c> its 403 <c>insufficient_scope</c>.
/// </summary>
public static class UserInfoEndpoints
{
    public const string Path = "/oauth/userinfo";

    public static IEndpointRouteBuilder MapUserInfoEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], UserInfo)
            .RequireAuthorization(ScopePolicies.OpenId).DisableAntiforgery()
            .WithTags(DocumentDescription.OpenIdConnect).WithSummary("The signed-in user's claims (OpenID Connect Core §5.3)")
            .WithDescription("Needs an access token with scope openid; profile and email release their claims. Errors are RFC 6750 challenges in `WWW-Authenticate`, with no body.")
            .Produces<UserInfoAnswer>().ProducesEmpty(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<IResult> UserInfo(HttpContext http, UserStore users)
    {
        var principal = http.User;
        // Reject a token that names no user, or a user since disabled or deleted (RFC 6750 §3.1 invalid_token).
        var profile = Guid.TryParse(principal.FindFirst(ClaimNames.Subject)?.Value, out var userId) && principal.HasClaim(c => c.Type == ClaimNames.Username)
            ? await users.FindProfileAsync(userId)
            : null;
        if (profile is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token does not belong to an active user\"";
            http.Response.Headers.CacheControl = "no-store";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var scope = string.Join(' ', principal.FindAll(ClaimNames.Scope).Select(c => c.Value));
        return OAuthResults.Json(ScopeClaims.For(profile, scope));
    }
}
