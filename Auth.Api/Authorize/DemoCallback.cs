using Auth.Api.Hosting.OpenApi;
using Auth.Api.Authorize.Pages;

namespace Auth.Api.Authorize;

/// <summary>
/// <c>GET /demo/callback</c>: the demo client's redirect URI, so a browser user of <c>dev</c> can
/// see the code (or the error) the flow produced and exchange it with curl. Mapped only under
/// <c>dev</c> (setting <c>Auth:DemoCallback</c>), never in production.
/// </summary>
public static class DemoCallback
{
    public const string Setting = "Auth:DemoCallback";

    public static IEndpointRouteBuilder MapDemoCallback(this IEndpointRouteBuilder routes, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting))
            return routes;
        routes.MapGet("/demo/callback", Show)
            .WithTags(DocumentDescription.Demo).WithSummary("Show the code (or error) a redirect brought (dev only)").BrowserPage()
            .Query("code", "The authorization code.").Query("state", "The state sent.").Query("iss", "The issuer (RFC 9207).")
            .Query("error", "An error code instead of a code.").Query("error_description", "Its description.")
            .ProducesHtml(StatusCodes.Status200OK);
        return routes;
    }

    private static IResult Show(HttpRequest request)
    {
        string Q(string name) => Html.Encode(request.Query[name].ToString());
        if (request.Query.ContainsKey("error"))
            return new HtmlPage("Demo callback", $"""
                <h1>The demo app was told: {Q("error")}</h1>
                <p class="lead">{Q("error_description")}</p>
                <p class="fine">state <span class="host">{Q("state")}</span> · iss <span class="host">{Q("iss")}</span></p>
                """);
        return new HtmlPage("Demo callback", $"""
            <h1>Authorization code received</h1>
            <p class="lead">The demo app can now exchange this code at <span class="host">/oauth/token</span> within its lifetime, once.</p>
            <code id="code">{Q("code")}</code>
            <p class="fine">state <span class="host">{Q("state")}</span> · iss <span class="host">{Q("iss")}</span></p>
            """);
    }
}
