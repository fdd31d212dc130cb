using Microsoft.AspNetCore.Antiforgery;

namespace Auth.Api.Hosting;

/// <summary>Anti-forgery for a group of server-rendered pages, checked by the group itself rather than per endpoint.</summary>
public static class PageAntiforgery
{
    /// <summary>Refuses every POST whose anti-forgery token is missing or does not match its cookie, answering <paramref name="expired"/>.</summary>
    public static RouteGroupBuilder RequireAntiforgeryOnPost(this RouteGroupBuilder group, Func<IResult> expired)
    {
        group.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsPost(http.Request.Method)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                return expired();
            return await next(context);
        });
        return group;
    }
}
