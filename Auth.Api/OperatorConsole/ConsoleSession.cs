using System.Globalization;
using System.Security.Claims;
using Auth.Core.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Auth.Api.OperatorConsole;

/// <summary>The operator signed in to the console.</summary>
public sealed record Operator(Guid Id, string Username);

/// <summary>
/// The console's own session, separate from an end user's sign-in: its own cookie (<c>auth.console</c>,
/// path <c>/console</c>, SameSite=Strict), idle after 15 minutes and never older than 8 hours.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "auth.console";
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(8);
    private const string SignedInAt = "console_signed_in_at";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/console";
        options.ExpireTimeSpan = IdleLifetime;
        options.SlidingExpiration = true;
        // Note: the console pages decide what an anonymous visitor sees; the handler never redirects on its own.
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
    }

    /// <summary>The signed-in operator, or null when there is no console session or it outlived <see cref="MaxLifetime"/>.</summary>
    public static async Task<Operator?> ReadAsync(HttpContext http, DateTimeOffset now)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
            return null;
        var principal = result.Principal!;
        if (!long.TryParse(principal.FindFirstValue(SignedInAt), CultureInfo.InvariantCulture, out var since)
            || now - DateTimeOffset.FromUnixTimeSeconds(since) > MaxLifetime)
            return null;
        return Guid.TryParse(principal.FindFirstValue(ClaimNames.Subject), out var id) && principal.FindFirstValue(ClaimNames.Username) is { } username
            ? new Operator(id, username)
            : null;
    }

    public static Task WriteAsync(HttpContext http, Operator signedIn, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimNames.Subject, signedIn.Id.ToString()),
            new Claim(ClaimNames.Username, signedIn.Username),
            new Claim(SignedInAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task ClearAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
