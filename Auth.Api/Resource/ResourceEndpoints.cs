namespace Auth.Api.Resource;

/// <summary>The registry document's bearer-protected resource (seed 001), to check a token works.</summary>
public static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/system/ping", Ping).RequireAuthorization();
        return routes;
    }

    private static IResult Ping(HttpContext http, TimeProvider clock) =>
        Results.Ok(new { status = "ok", sub = http.User.Identity?.Name, time = clock.GetUtcNow() });
}
