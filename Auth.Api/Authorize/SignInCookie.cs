using System.Security.Claims;
using Auth.Core.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace Auth.Api.Authorize;

/// <summary>The user signed in on the sign-in page, kept in an HttpOnly, SameSite=Lax cookie.</summary>
public static class SignInCookie
{
    public const string Scheme = "AuthSession";
    public const string Name = "auth.session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public sealed record SignedInUser(Guid Id, string Username);

    public static async Task<SignedInUser?> ReadAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
            return null;
        var principal = result.Principal!;
        return Guid.TryParse(principal.FindFirstValue(ClaimNames.Subject), out var id) && principal.FindFirstValue(ClaimNames.Username) is { } username
            ? new SignedInUser(id, username)
            : null;
    }

    public static Task WriteAsync(HttpContext http, Guid userId, string username)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimNames.Subject, userId.ToString()), new Claim(ClaimNames.Username, username)], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task ClearAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
