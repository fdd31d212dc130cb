using System.Security.Claims;
using Auth.Api.Hosting;
using Auth.Core.Authorization;
using Auth.Core.Security;
using Auth.Data.Sessions;
using Microsoft.AspNetCore.Authentication;

namespace Auth.Api.Authorize;

/// <summary>
/// The browser's sign-in session: an HttpOnly, SameSite=Lax cookie (protected by the shared
/// data-protection key ring) carrying a random handle, and a row in <c>browser_sessions</c> that
/// decides whether it is still live. So a session slides, is bounded, and once ended (sign-out)
/// is dead on every instance, whatever copies of the cookie exist.
/// </summary>
public sealed class SignInCookie(BrowserSessionStore sessions, AuthSettings settings, TimeProvider clock)
{
    public const string Scheme = "AuthSession";
    public const string Name = "auth.session";
    private const string HandleClaim = "handle";

    /// <summary>The live session of this browser, or null (a dead session's cookie is removed).</summary>
    public async Task<SignedInSession?> ReadAsync(HttpContext http)
    {
        if (await HandleAsync(http) is not { } handle)
            return null;
        var session = await sessions.UseAsync(SecretHasher.Hash(handle), clock.GetUtcNow(), settings.Session.IdleTimeout);
        if (session is null)
            await http.SignOutAsync(Scheme);
        return session;
    }

    /// <summary>Starts a new session for the user who just entered the password, replacing any other of this browser.</summary>
    public async Task StartAsync(HttpContext http, Guid userId)
    {
        // Note: the old row is ended; the old cookie is simply overwritten by the new one.
        if (await HandleAsync(http) is { } old)
            await sessions.EndAsync(SecretHasher.Hash(old), clock.GetUtcNow());
        var handle = RandomTokens.New();
        await sessions.StartAsync(SecretHasher.Hash(handle), userId, clock.GetUtcNow(), settings.Session.IdleTimeout, settings.Session.Lifetime);
        var identity = new ClaimsIdentity([new Claim(HandleClaim, handle)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends this browser's session (on every instance) and removes the cookie; returns the user it belonged to.</summary>
    public async Task<Guid?> EndAsync(HttpContext http)
    {
        var handle = await HandleAsync(http);
        await http.SignOutAsync(Scheme);
        return handle is null ? null : await sessions.EndAsync(SecretHasher.Hash(handle), clock.GetUtcNow());
    }

    private static async Task<string?> HandleAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal!.FindFirstValue(HandleClaim) : null;
    }
}
