using Auth.Api.Hosting.OpenApi;
using Auth.Api.Authorize.Pages;
using Auth.Api.Hosting;
using Auth.Api.Users;
using Auth.Core.Authorization;
using Auth.Core.OAuth;
using Auth.Core.Scopes;
using Auth.Core.Users;
using Auth.Data;
using Auth.Data.Clients;
using Auth.Data.Consents;
using Microsoft.AspNetCore.Antiforgery;

namespace Auth.Api.Authorize;

/// <summary>What the authorization endpoint and its pages need, bound with [AsParameters].</summary>
public sealed record AuthorizeServices(
    [FromKeyedServices(DataSources.Read)] ClientStore Clients,
    IAntiforgery Antiforgery,
    AuthSettings Settings,
    TimeProvider Clock,
    CodeIssuer Codes,
    PasswordSignIn PasswordSignIn,
    Par.PushedAuthorization Pushed,
    AppRegistrationStore Registrations,
    SignInCookie Session,
    ConsentStore Consents);

public static class AuthorizeEndpoints
{
    public const string Decision = "decision";
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Remember = "remember";

    /// <summary>The most a sign-in or consent post may send: a few short fields and an anti-forgery token.</summary>
    public const int MaxFormBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth/authorize", Authorize).AuthorizationRequestDocs()
            .WithSummary("Start an authorization (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2)")
            .WithDescription("Shows the sign-in page, then the consent page, then redirects (302) to redirect_uri with code, state and iss (RFC 9207), or with error. A bad client_id or redirect_uri shows an error page and never redirects.");
        routes.MapPost("/oauth/authorize/sign-in", SignInPost).DisableAntiforgery().RequireRateLimiting(PasswordRateLimits.SignInPolicy)
            .WithBodyLimit(MaxFormBytes)
            .AuthorizationRequestDocs().FormBody<SignInForm>().WithSummary("Submit the sign-in page");
        routes.MapPost("/oauth/authorize/consent", ConsentPost).DisableAntiforgery().WithBodyLimit(MaxFormBytes)
            .AuthorizationRequestDocs().FormBody<ConsentForm>().WithSummary("Submit the consent page (allow or deny)");
        return routes;
    }

    /// <summary>
    /// The authorization endpoint (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2): validates the
    /// request, then shows the sign-in page when the browser has no live session (or the request
    /// asks for a fresh sign-in), the consent page unless the user remembered consent covering it,
    /// else redirects with a code. With <c>prompt=none</c> it never shows a page.
    /// </summary>
    private static async Task<IResult> Authorize(HttpContext http, [AsParameters] AuthorizeServices services)
    {
        var intake = await ValidateAsync(http, services);
        if (intake.Check.Request is not { } request)
            return Refuse(http, intake.Check, services.Settings.Issuer);

        var query = http.Request.QueryString.Value!;
        var session = await services.Session.ReadAsync(http);
        var remembered = session is null ? null : await services.Consents.FindAsync(session.UserId, request.Client.Id);
        var step = AuthorizationStep.Next(request, session, remembered, services.Clock.GetUtcNow());
        return step.Kind switch
        {
            AuthorizationStepKind.SignIn => AuthorizePages.SignIn(request, query, Token(http, services), request.LoginHint ?? session?.Username),
            AuthorizationStepKind.Consent => AuthorizePages.Consent(request, query, Token(http, services), session!.Username,
                await services.Registrations.FindAsync(request.Client.Id)),
            AuthorizationStepKind.IssueCode => await RedirectWithCodeAsync(http, services, intake, request, query, session!),
            _ => AuthorizationRedirects.To(http, AuthorizationRedirects.Error(request.RedirectUri, step.Error!, request.State, services.Settings.Issuer)),
        };
    }

    /// <summary>
    /// The sign-in form's post: re-validates the authorization request and the anti-forgery
    /// token, checks the password with the password grant's rules and lockout, then starts a
    /// session and sends the browser back to the authorization endpoint (303).
    /// </summary>
    private static async Task<IResult> SignInPost(HttpContext http, [AsParameters] AuthorizeServices services)
    {
        var check = (await ValidateAsync(http, services)).Check;
        if (check.Request is not { } request)
            return Refuse(http, check, services.Settings.Issuer);
        if (!await services.Antiforgery.IsRequestValidAsync(http))
            return AuthorizePages.Error("This page expired. Go back to the application and start again.");

        var form = await http.Request.ReadFormAsync();
        var query = http.Request.QueryString.Value!;
        var username = Single(form["username"]);
        var password = Single(form["password"]);
        if (username is null || password is null)
            return AuthorizePages.SignIn(request, query, Token(http, services), username, "Enter your username and password.");

        var result = await services.PasswordSignIn.CheckPageAsync(username, password, services.Clock.GetUtcNow());
        if (result.Failure == SignInFailure.Busy)
            return TooManyAttempts.Page(result.RetryAfter);
        if (result.Failure is { } failure)
        {
            var message = failure == SignInFailure.Locked
                ? "Too many failed attempts from here. For your security signing in to this account from here is locked for now; try again later."
                : "The username or password is incorrect.";
            return AuthorizePages.SignIn(request, query, Token(http, services), username, message);
        }

        await services.Session.StartAsync(http, result.User!.Id);
        return AuthorizationRedirects.To(http, "/oauth/authorize" + AuthorizationQuery.AfterSignIn(http.Request.Query));
    }

    /// <summary>
    /// The consent form's post: re-validates the request and the anti-forgery token, then
    /// redirects with a new code on allow (remembering the scopes when asked to), or
    /// <c>access_denied</c> on deny (RFC 6749 §4.1.2.1).
    /// </summary>
    private static async Task<IResult> ConsentPost(HttpContext http, [AsParameters] AuthorizeServices services)
    {
        var intake = await ValidateAsync(http, services);
        if (intake.Check.Request is not { } request)
            return Refuse(http, intake.Check, services.Settings.Issuer);
        if (!await services.Antiforgery.IsRequestValidAsync(http))
            return AuthorizePages.Error("This page expired. Go back to the application and start again.");

        var query = http.Request.QueryString.Value!;
        var session = await services.Session.ReadAsync(http);
        if (AuthorizationStep.NeedsSignIn(request, session, services.Clock.GetUtcNow()))
            return AuthorizePages.SignIn(request, query, Token(http, services), session?.Username, "Your session ended. Sign in again to continue.");

        var form = await http.Request.ReadFormAsync();
        var issuer = services.Settings.Issuer;
        switch (Single(form[Decision]))
        {
            case Deny:
                var denied = new OAuthError(OAuthErrors.AccessDenied, "The user denied the request.");
                return AuthorizationRedirects.To(http, AuthorizationRedirects.Error(request.RedirectUri, denied, request.State, issuer));
            case Allow:
                if (Single(form[Remember]) is not null)
                    await services.Consents.RememberAsync(session!.UserId, request.Client.Id, ScopePolicy.Parse(request.Scope).ToArray());
                return await RedirectWithCodeAsync(http, services, intake, request, query, session!);
            default:
                return AuthorizePages.Error("Choose Allow or Deny to continue.");
        }
    }

    private static async Task<IResult> RedirectWithCodeAsync(HttpContext http, AuthorizeServices services,
        Par.AuthorizationIntake intake, AuthorizationRequest request, string query, SignedInSession session)
    {
        // RFC 9126 §4: a pushed request yields one code at most.
        if (intake.RequestUriHash is { } pushed && !await services.Pushed.ConsumeAsync(pushed))
            return AuthorizePages.Error("This sign-in request expired or was already used. Go back to the application and start again.");
        var code = await services.Codes.IssueAsync(request, session.UserId, session.AuthTime, intake.DpopJkt);
        if (code is null)
        {
            await services.Session.EndAsync(http);
            return AuthorizePages.SignIn(request, query, Token(http, services), message: "Your session ended. Sign in again to continue.");
        }
        return AuthorizationRedirects.To(http, AuthorizationRedirects.Code(request.RedirectUri, code, request.State, services.Settings.Issuer));
    }

    private static Task<Par.AuthorizationIntake> ValidateAsync(HttpContext http, AuthorizeServices services) =>
        services.Pushed.ValidateAsync(http.Request.Query, services.Clients.FindAsync);

    private static IResult Refuse(HttpContext http, AuthorizationCheck check, string issuer) =>
        check.PageError is { } message
            ? AuthorizePages.Error(message)
            : AuthorizationRedirects.To(http, AuthorizationRedirects.Error(check.RedirectUri!, check.RedirectError!, check.State, issuer));

    private static AuthorizePages.FormToken Token(HttpContext http, AuthorizeServices services) => FormToken(http, services.Antiforgery);

    /// <summary>A new anti-forgery token for a page's forms (its cookie half is set on the response).</summary>
    public static AuthorizePages.FormToken FormToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new(tokens.FormFieldName, tokens.RequestToken!);
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
