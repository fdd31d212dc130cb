using Auth.Api.Hosting;
using Auth.Api.Hosting.OpenApi;
using Auth.Api.Authorize;
using Auth.Api.Admin.Envelope;
using Auth.Api.OperatorConsole;
using Auth.Api.Users;
using Auth.Core.Users;
using Auth.Data.Tokens;
using Auth.Data.Users;
using Microsoft.AspNetCore.Antiforgery;

namespace Auth.Api.Account;

/// <summary>What the connected-apps page needs, bound with [AsParameters].</summary>
public sealed record AccountServices(
    UserGrantStore Grants, TokenStateStore Tokens, PasswordSignIn PasswordSignIn, IAntiforgery Antiforgery, TimeProvider Clock,
    SignInCookie Session, Auth.Data.Consents.ConsentStore Consents);

/// <summary>
/// <c>/account/apps</c>: a signed-in user's connected apps (each app holding a grant), each revocable.
/// The user signs in with the sign-in page's form and rules, into the same sign-in session.
/// </summary>
public static class AccountEndpoints
{
    public const string AppsPath = "/account/apps";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/account").RequireAntiforgeryOnPost(
            () => AccountPages.Message("This page expired. Go back, reload it and try again.", StatusCodes.Status400BadRequest))
            .PageDocs(DocumentDescription.Account, DocumentDescription.AccountCookie);
        group.MapGet("/apps", Apps).WithSummary("The signed-in user's connected apps (or the sign-in page)");
        group.MapPost("/sign-in", SignIn).PageForm().WithSummary("Sign in to see connected apps");
        group.MapPost("/sign-out", (Delegate)SignOut).PageForm().WithSummary("Sign out");
        group.MapPost("/apps/{clientId}/revoke", Revoke).PageForm().WithSummary("Revoke an app: its tokens and remembered consent");
        return routes;
    }

    /// <summary>The sign-in form to an anonymous visitor; to a signed-in user, every app holding a grant of theirs.</summary>
    private static async Task<IResult> Apps(HttpContext http, [AsParameters] AccountServices services)
    {
        var user = await services.Session.ReadAsync(http);
        if (user is null)
            return AccountPages.SignIn(ConsoleForm.Token(http));
        var grants = await services.Grants.ListAsync(user.UserId, services.Clock.GetUtcNow());
        return AccountPages.Apps(ConsoleForm.Token(http), user.Username, grants, ConsoleForm.Single(http.Request.Query["revoked"]));
    }

    /// <summary>Checks the password with the sign-in page's rules and lockout, then signs the user in (the same session as the sign-in page).</summary>
    private static async Task<IResult> SignIn(HttpContext http, [AsParameters] AccountServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var username = form.Single("username");
        var password = form.Single("password");
        if (username is null || password is null)
            return AccountPages.SignIn(ConsoleForm.Token(http), username, "Enter your username and password.");
        var result = await services.PasswordSignIn.CheckPageAsync(username, password, services.Clock.GetUtcNow());
        if (result.Failure == SignInFailure.Busy)
            return TooManyAttempts.Page(result.RetryAfter);
        if (result.Failure is { } failure)
            return AccountPages.SignIn(ConsoleForm.Token(http), username, failure == SignInFailure.Locked
                ? "Too many failed attempts from here. For your security signing in to this account from here is locked for now; try again later."
                : "The username or password is incorrect.");
        await services.Session.StartAsync(http, result.User!.Id);
        return AuthorizationRedirects.To(http, AppsPath);
    }

    private static async Task<IResult> SignOut(HttpContext http, SignInCookie session)
    {
        await session.EndAsync(http);
        return AuthorizationRedirects.To(http, AppsPath);
    }

    /// <summary>
    /// Revokes the signed-in user's grant to one app: every family of theirs at that client, so its refresh
    /// and access tokens stop working at once on every instance; audited with the user as the actor.
    /// </summary>
    private static async Task<IResult> Revoke(HttpContext http, string clientId, [AsParameters] AccountServices services)
    {
        var user = await services.Session.ReadAsync(http);
        if (user is null)
            return AccountPages.SignIn(ConsoleForm.Token(http), message: "Your session ended. Sign in again to continue.");
        var actor = new AuditActor(user.UserId.ToString(), null);
        var grants = await services.Grants.ListAsync(user.UserId, services.Clock.GetUtcNow());
        var grant = grants.FirstOrDefault(g => g.ClientId == clientId);
        if (grant is null)
            return AuthorizationRedirects.To(http, AppsPath);
        await services.Tokens.RevokeUserGrantAsync(user.UserId, clientId, services.Clock.GetUtcNow(), actor.Entry(clientId, "grant_revoked", [], user.UserId));
        await services.Consents.ForgetAsync(user.UserId, clientId);
        return AuthorizationRedirects.To(http, $"{AppsPath}?revoked={Uri.EscapeDataString(grant.ClientName)}");
    }
}
