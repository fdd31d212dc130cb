using System.Security.Cryptography;
using System.Text;

namespace Auth.Api.Authorize.Pages;

/// <summary>
/// A server-rendered page with the headers every page of the flow carries: never cached, never
/// framed (X-Frame-Options and CSP frame-ancestors, RFC 9700 §4.16), no referrer (§4.2.4), and a
/// CSP that allows nothing but the page's own inline stylesheet.
/// </summary>
public sealed class HtmlPage(string title, string body, int status = StatusCodes.Status200OK) : IResult
{
    private static readonly string StyleHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(PageStyle.Css))) + "'";
    private static readonly string Policy = $"default-src 'none'; style-src {StyleHash}; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

    public int Status => status;

    public Task ExecuteAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = Policy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return http.Response.WriteAsync(Render(title, body), Encoding.UTF8);
    }

    private static string Render(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{Html.Encode(title)} · Auth</title>
        <style>{PageStyle.Css}</style>
        </head>
        <body>
        <main class="card">
        <div class="brand"><span class="mark" aria-hidden="true"></span><span class="brand-name">Auth</span></div>
        {body}
        </main>
        <footer><span class="lock" aria-hidden="true"></span> Secure sign-in. We will never ask for your password anywhere but this page.</footer>
        </body>
        </html>
        """;
}

public static class Html
{
    public static string Encode(string? value) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(value ?? "");
}
