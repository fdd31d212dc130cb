using Auth.Api.Hosting.OpenApi;
using Auth.Api.Authorize;
using Auth.Api.Authorize.Pages;
using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Data.Clients;
using Auth.Data.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.EndSession;

/// <summary>What the end-session endpoint needs, bound with [AsParameters].</summary>
public sealed record EndSessionServices(
    ClientStore Clients,
    SigningKeyRing Keys,
    IAntiforgery Antiforgery,
    AuthSettings Settings,
    TimeProvider Clock,
    SignInCookie Session,
    TokenStateStore TokenState);

/// <summary>
/// The end-session endpoint (RP-Initiated Logout 1.0): GET or POST with <c>id_token_hint</c>,
/// <c>client_id</c>, <c>post_logout_redirect_uri</c> and <c>state</c>. A request proven by a
/// valid hint signs out at once; any other asks the user to confirm first. Signing out ends
/// the browser's session on every instance; tokens live on unless configured otherwise.
/// </summary>
public static class EndSessionEndpoints
{
    public const string Path = "/oauth/logout";
    public const string ConfirmPath = "/oauth/logout/confirm";
    public const string Decision = "decision";
    public const string SignOut = "sign-out";
    public const string Stay = "stay";

    public static IEndpointRouteBuilder MapEndSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], EndSession).DisableAntiforgery()
            .WithTags(DocumentDescription.OpenIdConnect).WithSummary("End the browser's session (RP-Initiated Logout 1.0)")
            .WithDescription("Parameters in the query (GET) or the form (POST). With a valid id_token_hint, signs out and redirects to post_logout_redirect_uri with state; without one, asks the user to confirm.")
            .BrowserPage().FormBody<EndSessionForm>()
            .Query("id_token_hint", "An ID token this service issued to the client.")
            .Query("client_id", "The client, when there is no id_token_hint.")
            .Query("post_logout_redirect_uri", "One of the client's registered postLogoutRedirectUris.")
            .Query("state", "Returned unchanged in the redirect.")
            .ProducesHtml(StatusCodes.Status200OK, StatusCodes.Status400BadRequest).ProducesEmpty(StatusCodes.Status302Found);
        routes.MapPost(ConfirmPath, Confirm).DisableAntiforgery()
            .WithTags(DocumentDescription.OpenIdConnect).WithSummary("Answer the sign-out confirmation page")
            .BrowserPage().FormBody<PageForm>()
            .ProducesHtml(StatusCodes.Status200OK, StatusCodes.Status400BadRequest).ProducesEmpty(StatusCodes.Status302Found);
        return routes;
    }

    /// <summary>
    /// Validates the request (a refusal is a page, never a redirect), then signs out when the
    /// request carries a valid <c>id_token_hint</c> or the browser has no session, else shows
    /// the confirmation page.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext http, [AsParameters] EndSessionServices services)
    {
        var parameters = await ReadAsync(http.Request);
        var (check, query) = (await ValidateAsync(parameters, services), Query(parameters));
        if (check.Request is not { } request)
            return AuthorizePages.Error(check.PageError!);

        var session = await services.Session.ReadAsync(http);
        if (session is null || request.FromKnownClient)
            return await SignOutAsync(http, services, request);

        var tokens = services.Antiforgery.GetAndStoreTokens(http);
        return EndSessionPages.Confirm(query, new(tokens.FormFieldName, tokens.RequestToken!), session.Username, request.ClientName);
    }

    /// <summary>The confirmation form's post: re-validates the request and the anti-forgery token, then signs out or stays.</summary>
    private static async Task<IResult> Confirm(HttpContext http, [AsParameters] EndSessionServices services)
    {
        var check = await ValidateAsync(ReadQuery(http.Request.Query), services);
        if (check.Request is not { } request)
            return AuthorizePages.Error(check.PageError!);
        if (!await services.Antiforgery.IsRequestValidAsync(http))
            return AuthorizePages.Error("This page expired. Go back to the application and start again.");

        var form = await http.Request.ReadFormAsync();
        return form[Decision].ToString() switch
        {
            SignOut => await SignOutAsync(http, services, request),
            Stay => request.RedirectUri is null ? EndSessionPages.StillSignedIn() : Back(http, request),
            _ => AuthorizePages.Error("Choose Sign out or Stay signed in to continue."),
        };
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, EndSessionServices services, Core.OpenIdConnect.EndSession request)
    {
        var userId = await services.Session.EndAsync(http);
        if (userId is { } id && services.Settings.Session.RevokeTokensOnSignOut)
            await services.TokenState.RevokeFamiliesOfUserAsync(id, services.Clock.GetUtcNow());
        return request.RedirectUri is null ? EndSessionPages.SignedOut() : Back(http, request);
    }

    /// <summary>RP-Initiated Logout 1.0 §3: back to the registered URI, with <c>state</c> when one was sent.</summary>
    private static IResult Back(HttpContext http, Core.OpenIdConnect.EndSession request) =>
        AuthorizationRedirects.To(http, request.State is null
            ? request.RedirectUri!
            : QueryHelpers.AddQueryString(request.RedirectUri!, Parameters.State, request.State));

    private static async Task<EndSessionCheck> ValidateAsync(EndSessionParameters parameters, EndSessionServices services)
    {
        var hint = parameters.IdTokenHint is { } token
            ? await IdTokenHint.ReadAsync(token, services.Settings.Issuer, services.Keys.Find)
            : null;
        var clientId = hint?.ClientId ?? parameters.ClientId;
        var client = clientId is null ? null : await services.Clients.FindAsync(clientId);
        return EndSessionValidator.Validate(parameters, hint, client);
    }

    private static async Task<EndSessionParameters> ReadAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
            return ReadQuery(request.Query);
        if (!request.HasFormContentType)
            return new EndSessionParameters(null, null, null, null);
        var form = await request.ReadFormAsync();
        string? Value(string name) => form[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        return new(Value(Parameters.IdTokenHint), Value(Parameters.ClientId), Value(Parameters.PostLogoutRedirectUri), Value(Parameters.State));
    }

    private static EndSessionParameters ReadQuery(IQueryCollection query)
    {
        string? Value(string name) => query[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        return new(Value(Parameters.IdTokenHint), Value(Parameters.ClientId), Value(Parameters.PostLogoutRedirectUri), Value(Parameters.State));
    }

    /// <summary>The request as the confirmation form's query, so its post is validated the same way.</summary>
    private static string Query(EndSessionParameters p) => QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        [Parameters.IdTokenHint] = p.IdTokenHint,
        [Parameters.ClientId] = p.ClientId,
        [Parameters.PostLogoutRedirectUri] = p.PostLogoutRedirectUri,
        [Parameters.State] = p.State,
    }.Where(kv => kv.Value is not null));
}
