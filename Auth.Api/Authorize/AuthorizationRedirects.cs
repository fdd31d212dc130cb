using Auth.Core.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Authorize;

/// <summary>The redirects back to the client: a code (RFC 6749 §4.1.2) or an error (§4.1.2.1), always with <c>iss</c> (RFC 9207).</summary>
public static class AuthorizationRedirects
{
    public static string Code(string redirectUri, string code, string? state, string issuer) =>
        Build(redirectUri, [new(Parameters.Code, code), new(Parameters.State, state), new("iss", issuer)]);

    public static string Error(string redirectUri, OAuthError error, string? state, string issuer) =>
        Build(redirectUri, [new("error", error.Code), new("error_description", error.Description), new(Parameters.State, state), new("iss", issuer)]);

    /// <summary>
    /// The response for a redirect: 302 after a GET, 303 after a POST so the browser never
    /// re-posts the form (credentials) to the client (RFC 9700 §4.11). Never cached.
    /// </summary>
    public static IResult To(HttpContext http, string location)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return HttpMethods.IsGet(http.Request.Method)
            ? Results.Redirect(location)
            : new SeeOther(location);
    }

    // Note: the registered URI's own query is kept and ours appended (RFC 6749 §3.1.2).
    private static string Build(string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters) =>
        QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null));

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
