using Auth.Api.Hosting.OpenApi;

namespace Auth.Api.Bearer;

/// <summary>The registry document's bearer-protected resource (seed 001), to check a token works.</summary>
public static class BearerEndpoints
{
    public static IEndpointRouteBuilder MapBearerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/system/ping", Ping).RequireAuthorization()
            .WithTags(DocumentDescription.Resource).WithSummary("Check an access token (document 001)")
            .WithDescription("401 with no body: a bare `WWW-Authenticate: Bearer` without a token, `Bearer error=\"invalid_token\"` with a bad, expired or revoked one (RFC 6750 §3.1).")
            .Produces<PingAnswer>().ProducesEmpty(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static IResult Ping(HttpContext http, TimeProvider clock) =>
        Results.Ok(new { status = "ok", sub = http.User.Identity?.Name, time = clock.GetUtcNow() });
}
