using System.Net;
using System.Text.Encodings.Web;
using Auth.DevTools.LocalCluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Browser;

/// <summary>
/// A small web app on its own loopback address (127.0.0.2) that signs users in with ASP.NET Core's
/// own OpenID Connect handler against the service, as a .NET team's app would: discovery, the
/// code flow with PKCE, the ID token, userinfo, and sign-out through the end-session endpoint.
/// </summary>
public sealed class RelyingPartyApp : IAsyncDisposable
{
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");
    private readonly WebApplication _app;

    public string BaseUrl { get; }
    public string CallbackUri => BaseUrl + "/signin-oidc";
    public string SignedOutCallbackUri => BaseUrl + "/signout-callback-oidc";

    private RelyingPartyApp(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<RelyingPartyApp> StartAsync(string authority, string clientId, string clientSecret)
    {
        var port = LocalPostgresCluster.FreePort();
        var baseUrl = $"http://{Address}:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(Address, port));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = false;
                o.ClientId = clientId;
                o.ClientSecret = clientSecret;
                o.ResponseType = "code";
                // Note: the service answers in the query only (its metadata says so), not form_post.
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" })
                    o.Scope.Add(scope);
                o.SaveTokens = true;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                // Note: the handler keeps only a few userinfo members by default; an app names the others it reads.
                o.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
                o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                o.SignedOutRedirectUri = "/signed-out";
                // Note: plain http on loopback, so the handler's cookies may not require https.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (HttpContext http) => Results.Content(ClaimsPage(http), "text/html")).RequireAuthorization();
        app.MapGet("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme);
        });
        app.MapGet("/signed-out", () => Results.Content("<!DOCTYPE html><title>RP</title><h1>Signed out of the app</h1>", "text/html"));
        await app.StartAsync();
        return new RelyingPartyApp(app, baseUrl);
    }

    /// <summary>The claims the handler put on the user, one <c>li</c> each with <c>data-claim</c>.</summary>
    private static string ClaimsPage(HttpContext http)
    {
        var items = string.Concat(http.User.Claims.Select(c =>
            $"<li data-claim=\"{HtmlEncoder.Default.Encode(c.Type)}\">{HtmlEncoder.Default.Encode(c.Value)}</li>"));
        return $"<!DOCTYPE html><title>RP</title><h1>Signed in to the app</h1><ul>{items}</ul><a href=\"/logout\">Sign out</a>";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
