using System.Text;

namespace Auth.Api.Authorize.Pages;

/// <summary>
/// A server-rendered page with the headers every page of the flow carries: never cached, never
/// framed (X-Frame-Options and CSP frame-ancestors, RFC 9700 §4.16), no referrer (§4.2.4), and a
/// CSP that allows nothing but the page's own inline stylesheet. <paramref name="wide"/> lays the
/// page out as a panel (the console, the connected apps) instead of the sign-in card.
/// </summary>
public sealed class HtmlPage(string title, string body, int status = StatusCodes.Status200OK, bool wide = false) : IResult
{
    public int Status => status;

    public Task ExecuteAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        var branding = http.RequestServices.GetService<Branding>() ?? Branding.Default;
        headers.ContentSecurityPolicy = branding.ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return http.Response.WriteAsync(Render(title, body, branding, wide), Encoding.UTF8);
    }

    private static string Render(string title, string body, Branding branding, bool wide) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{Html.Encode(title)} · {Html.Encode(branding.ProductName)}</title>
        <style>{branding.Css}</style>
        </head>
        <body>
        <main class="{(wide ? "panel" : "card")}">
        <div class="brand">{Mark(branding)}<span class="brand-name">{Html.Encode(branding.ProductName)}</span></div>
        {body}
        </main>
        <footer><span class="lock" aria-hidden="true"></span> Secure sign-in. We will never ask for your password anywhere but this page.{Links(branding)}</footer>
        </body>
        </html>
        """;

    private static string Mark(Branding branding) => branding.LogoUrl is { } logo
        ? $"""<img class="logo" src="{Html.Encode(logo)}" alt="">"""
        : """<span class="mark" aria-hidden="true"></span>""";

    private static string Links(Branding branding)
    {
        var links = new List<string>();
        if (branding.PrivacyUrl is { } privacy)
            links.Add($"""<a href="{Html.Encode(privacy)}">Privacy</a>""");
        if (branding.HelpUrl is { } help)
            links.Add($"""<a href="{Html.Encode(help)}">Help</a>""");
        return links.Count == 0 ? "" : "<br>" + string.Join(" · ", links);
    }
}

public static class Html
{
    public static string Encode(string? value) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(value ?? "");
}
