using Auth.Api.Hosting;
using Auth.Api.Hosting.OpenApi;
using Auth.Api.Authorize;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;
using Auth.Api.Users;
using Auth.Core.Users;
using Auth.Data.Audit;
using Auth.Data.Clients;
using Auth.Data.Tokens;
using Auth.Data.Users;

namespace Auth.Api.OperatorConsole;

/// <summary>What the console's handlers need, bound with [AsParameters].</summary>
public sealed record ConsoleServices(
    ClientAdministration Clients,
    AppRegistrationStore Registrations,
    UserAdminStore Users,
    UserGrantStore Grants,
    TokenStateStore Tokens,
    UserRoleStore Roles,
    ClientAuditStore Audit,
    PasswordSignIn PasswordSignIn,
    TimeProvider Clock);

/// <summary>
/// The operators' console at <c>/console</c>: server-rendered pages on the admin API's rules
/// (<see cref="ClientAdministration"/>), for user accounts holding the <c>operator</c> role. Every
/// form carries an anti-forgery token, every action is audited with the operator's id, and deleting
/// a client or rotating its secret asks for the operator's password again.
/// </summary>
public static class ConsoleEndpoints
{
    private const string OperatorItem = "console.operator";
    private const int ListLimit = 100;

    private static IResult PageExpired() => ConsolePages.Message(
        "Page expired", "This form expired or did not come from this console. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/console").RequireAntiforgeryOnPost(PageExpired).PageDocs(DocumentDescription.Console);
        open.MapGet("", Home).WithSummary("The console's sign-in page, or the registrations queue");
        open.MapPost("/sign-in", SignIn).PageForm().WithSummary("Sign in as a user holding the operator role");

        var console = routes.MapGroup("/console").RequireAntiforgeryOnPost(PageExpired).AddEndpointFilter(RequireOperator)
            .PageDocs(DocumentDescription.Console, DocumentDescription.ConsoleCookie);
        console.MapPost("/sign-out", (Delegate)SignOut).PageForm().WithSummary("Sign out of the console");
        console.MapGet("/registrations", Registrations).WithSummary("Registered apps waiting for approval");
        console.MapPost("/registrations/{id}/approve", Approve).PageForm().WithSummary("Approve a registered app");
        console.MapPost("/registrations/{id}/reject", Reject).PageForm().WithSummary("Reject a registered app");
        console.MapGet("/clients", ClientList).WithSummary("Clients, filtered and paged");
        console.MapGet("/clients/{id}", ClientDetail).WithSummary("One client");
        console.MapPost("/clients/{id}/edit", EditClient).PageForm().WithSummary("Change a client");
        console.MapPost("/clients/{id}/enabled", SetClientEnabled).PageForm().WithSummary("Enable or disable a client");
        console.MapPost("/clients/{id}/secret", RotateSecret).PageForm().WithSummary("Rotate a client's secret (asks the operator's password)");
        console.MapPost("/clients/{id}/delete", DeleteClient).PageForm().WithSummary("Delete a client and revoke its tokens");
        console.MapGet("/users", UserList).WithSummary("Users, by username");
        console.MapGet("/users/{id:guid}", UserDetail).WithSummary("One user, with their connected apps");
        console.MapPost("/users/{id:guid}/enabled", SetUserEnabled).PageForm().WithSummary("Enable or disable a user");
        console.MapPost("/users/{id:guid}/unlock", UnlockUser).PageForm().WithSummary("Clear a user's sign-in lockouts");
        console.MapPost("/users/{id:guid}/grants/{clientId}/revoke", RevokeUserGrant).PageForm().WithSummary("Revoke one app's tokens of a user");
        return routes;
    }

    /// <summary>
    /// Lets through only a console session whose user still holds the operator role (checked on every
    /// request, so a revoked role or a disabled account ends the session at once).
    /// </summary>
    private static async ValueTask<object?> RequireOperator(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await ConsoleSession.ReadAsync(http, now) is not { } signedIn)
            return AuthorizationRedirects.To(http, "/console");
        if (!await http.RequestServices.GetRequiredService<UserRoleStore>().HasRoleAsync(signedIn.Id, Roles.Operator))
        {
            await ConsoleSession.ClearAsync(http);
            return NotAnOperator();
        }
        http.Items[OperatorItem] = signedIn;
        return await next(context);
    }

    /// <summary>The console's sign-in page, or (signed in) the registrations queue.</summary>
    private static async Task<IResult> Home(HttpContext http, [AsParameters] ConsoleServices services)
    {
        var signedIn = await ConsoleSession.ReadAsync(http, services.Clock.GetUtcNow());
        if (signedIn is not null && await services.Roles.HasRoleAsync(signedIn.Id, Roles.Operator))
            return SeeOther(http, "/console/registrations");
        return ConsolePages.SignIn(ConsoleForm.Token(http));
    }

    /// <summary>
    /// Checks the password with the sign-in page's rules and lockout, then opens a console session for
    /// a user holding the operator role; any other user is refused (403) and gets no session.
    /// </summary>
    private static async Task<IResult> SignIn(HttpContext http, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var username = form.Single("username");
        var password = form.Single("password");
        if (username is null || password is null)
            return ConsolePages.SignIn(ConsoleForm.Token(http), username, "Enter your username and password.");

        var now = services.Clock.GetUtcNow();
        var result = await services.PasswordSignIn.CheckPageAsync(username, password, now);
        if (result.Failure == SignInFailure.Busy)
            return TooManyAttempts.Page(result.RetryAfter);
        if (result.Failure is { } failure)
            return ConsolePages.SignIn(ConsoleForm.Token(http), username, failure == SignInFailure.Locked
                ? "Too many failed attempts from here. Signing in to this account from here is locked for now; try again later."
                : "The username or password is incorrect.");
        var user = result.User!;
        if (!await services.Roles.HasRoleAsync(user.Id, Roles.Operator))
            return NotAnOperator();

        var signedIn = new Operator(user.Id, user.Username);
        await ConsoleSession.WriteAsync(http, signedIn, now);
        await services.Audit.AddAsync(Actor(signedIn).Entry(null, "console_signed_in", [], user.Id));
        return SeeOther(http, "/console/registrations");
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await ConsoleSession.ClearAsync(http);
        return SeeOther(http, "/console");
    }

    /// <summary>The apps waiting for approval, oldest first, optionally only those waiting longer than <c>waiting</c> hours.</summary>
    private static async Task<IResult> Registrations(HttpContext http, string? waiting, [AsParameters] ConsoleServices services)
    {
        var now = services.Clock.GetUtcNow();
        var hours = int.TryParse(waiting, out var h) && ConsolePages.WaitFilters.Contains(h) ? h : 0;
        var pending = await services.Registrations.ListPendingAsync(hours > 0 ? now.AddHours(-hours) : null, ListLimit);
        return ConsolePages.Registrations(Me(http), ConsoleForm.Token(http), pending, hours, now, Done(http));
    }

    /// <summary>Approves a pending app through the admin API's rules: it may get tokens from now on.</summary>
    private static async Task<IResult> Approve(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var change = await services.Clients.DecideAsync(id, approve: true, Actor(Me(http)));
        return change.Row is null ? NoClient() : SeeOther(http, "/console/registrations?done=approved");
    }

    /// <summary>Rejects an app with a reason (required here), kept in its audit trail.</summary>
    private static async Task<IResult> Reject(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var reason = form.Single("reason")?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            var now = services.Clock.GetUtcNow();
            var pending = await services.Registrations.ListPendingAsync(null, ListLimit);
            return ConsolePages.Registrations(Me(http), ConsoleForm.Token(http), pending, 0, now, null,
                rejectError: (id, "Give the reason for the rejection (at most 1000 characters); the audit trail keeps it."));
        }
        var change = await services.Clients.DecideAsync(id, approve: false, Actor(Me(http)), reason);
        return change.Row is null ? NoClient() : SeeOther(http, "/console/registrations?done=rejected");
    }

    /// <summary>The client list with the admin API's filters and paging.</summary>
    private static async Task<IResult> ClientList(HttpContext http, [AsParameters] ClientListQuery query, [AsParameters] ConsoleServices services)
    {
        var page = await services.Clients.ListAsync(query);
        return ConsolePages.Clients(Me(http), ConsoleForm.Token(http), query, page, page.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>A client's settings, its edit form, its actions and its audit history.</summary>
    private static async Task<IResult> ClientDetail(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var row = await services.Clients.FindAsync(id);
        return row is null ? NoClient() : await DetailPageAsync(http, services, row, new ClientPageState(Done: Done(http)));
    }

    /// <summary>
    /// Saves the edit form as the admin API's PATCH with the version the form was rendered from: the same
    /// validation, and a stale edit is refused (409) with the current values instead of overwriting them.
    /// </summary>
    private static async Task<IResult> EditClient(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var (request, version, formErrors) = ClientEditForm.Read(form, id);
        var change = formErrors.Count > 0
            ? new ClientChange(ClientChangeStatus.Invalid, Errors: formErrors)
            : await services.Clients.WriteAsync(request, partial: true, version, Actor(Me(http)));
        switch (change.Status)
        {
            case ClientChangeStatus.Written:
                return SeeOther(http, $"/console/clients/{Uri.EscapeDataString(id)}?done=saved");
            case ClientChangeStatus.Invalid:
                var row = await services.Clients.FindAsync(id);
                return row is null ? NoClient() : await DetailPageAsync(http, services, row,
                    new ClientPageState(Posted: form, Errors: change.Errors, Status: StatusCodes.Status400BadRequest));
            case ClientChangeStatus.Stale:
                var current = await services.Clients.FindAsync(id);
                return current is null ? NoClient() : await DetailPageAsync(http, services, current,
                    new ClientPageState(Stale: true, Status: StatusCodes.Status409Conflict));
            default:
                return NoClient();
        }
    }

    /// <summary>Enables or disables a client (an update of <c>enabled</c> at the form's version).</summary>
    private static async Task<IResult> SetClientEnabled(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var enabled = form.Single("enabled") == "true";
        int? version = int.TryParse(form.Single("version"), out var v) ? v : null;
        var change = await services.Clients.WriteAsync(new ClientRequest { ClientId = id, Enabled = enabled }, partial: true, version, Actor(Me(http)));
        return change.Status switch
        {
            ClientChangeStatus.Written => SeeOther(http, $"/console/clients/{Uri.EscapeDataString(id)}?done={(enabled ? "enabled" : "disabled")}"),
            ClientChangeStatus.Stale when change.Row is { } current => await DetailPageAsync(http, services, current,
                new ClientPageState(Stale: true, Status: StatusCodes.Status409Conflict)),
            _ => NoClient(),
        };
    }

    /// <summary>After the operator's password again: a new secret, shown once on the answer page; the old one stops working at once.</summary>
    private static async Task<IResult> RotateSecret(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var row = await services.Clients.FindAsync(id);
        if (row is null)
            return NoClient();
        if (!await PasswordConfirmedAsync(http, form, services))
            return await DetailPageAsync(http, services, row, new ClientPageState(
                Errors: Error("rotate-password", "Your password is needed to rotate the secret, and that was not it."), Status: StatusCodes.Status400BadRequest));

        var change = await services.Clients.RotateSecretAsync(id, Actor(Me(http)));
        return change.Status switch
        {
            ClientChangeStatus.Written => ConsolePages.SecretShown(Me(http), ConsoleForm.Token(http), change.Row!, change.RevealedSecret!),
            ClientChangeStatus.PublicClient => await DetailPageAsync(http, services, row, new ClientPageState(
                Errors: Error("rotate-password", "A public client has no secret."), Status: StatusCodes.Status400BadRequest)),
            _ => NoClient(),
        };
    }

    /// <summary>After a ticked confirmation and the operator's password again: deletes the client and its tokens (the admin API's DELETE).</summary>
    private static async Task<IResult> DeleteClient(HttpContext http, string id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var row = await services.Clients.FindAsync(id);
        if (row is null)
            return NoClient();
        var errors = new Dictionary<string, string[]>();
        if (form.Single("confirm") != id)
            errors["delete-confirm"] = ["Type the client id exactly to confirm."];
        if (!await PasswordConfirmedAsync(http, form, services))
            errors["delete-password"] = ["Your password is needed to delete a client, and that was not it."];
        if (errors.Count > 0)
            return await DetailPageAsync(http, services, row, new ClientPageState(Errors: errors, Status: StatusCodes.Status400BadRequest));

        await services.Clients.DeleteAsync([id], Actor(Me(http)));
        return SeeOther(http, "/console/clients?done=deleted");
    }

    /// <summary>User accounts whose username contains the search text.</summary>
    private static async Task<IResult> UserList(HttpContext http, string? username, [AsParameters] ConsoleServices services)
    {
        var text = string.IsNullOrWhiteSpace(username) ? null : username.Trim();
        var users = await services.Users.SearchAsync(text, ListLimit);
        return ConsolePages.Users(Me(http), ConsoleForm.Token(http), text, users);
    }

    /// <summary>A user's account state (enabled, locked), active grants and audit history.</summary>
    private static async Task<IResult> UserDetail(HttpContext http, Guid id, [AsParameters] ConsoleServices services)
    {
        var user = await services.Users.FindAsync(id);
        if (user is null)
            return ConsolePages.Message("No such user", "No user has this id.", StatusCodes.Status404NotFound, Me(http));
        var now = services.Clock.GetUtcNow();
        var attempts = await services.Users.AttemptsAsync(user.Username);
        var grants = await services.Grants.ListAsync(id, now);
        var audit = await services.Audit.ListForUserAsync(id);
        var isOperator = await services.Roles.HasRoleAsync(id, Roles.Operator);
        return ConsolePages.UserDetail(Me(http), ConsoleForm.Token(http), user, attempts, isOperator, grants, audit, now, Done(http));
    }

    private static async Task<IResult> SetUserEnabled(HttpContext http, Guid id, [AsParameters] ConsoleServices services)
    {
        var form = await ConsoleForm.ReadAsync(http.Request);
        var enabled = form.Single("enabled") == "true";
        var found = await services.Users.SetEnabledAsync(id, enabled, Actor(Me(http)).Entry(null, enabled ? "user_enabled" : "user_disabled", ["enabled"], id));
        return found ? SeeOther(http, $"/console/users/{id}?done={(enabled ? "enabled" : "disabled")}") : NoUser(http);
    }

    /// <summary>Lifts every lock on the user's username (each source's, and the account's slow-down) by clearing its attempt counters.</summary>
    private static async Task<IResult> UnlockUser(HttpContext http, Guid id, [AsParameters] ConsoleServices services)
    {
        var found = await services.Users.UnlockAsync(id, Actor(Me(http)).Entry(null, "user_unlocked", [], id));
        return found ? SeeOther(http, $"/console/users/{id}?done=unlocked") : NoUser(http);
    }

    /// <summary>Revokes a user's grant to one app, as the user can on /account/apps: its tokens die at once on every instance.</summary>
    private static async Task<IResult> RevokeUserGrant(HttpContext http, Guid id, string clientId, [AsParameters] ConsoleServices services)
    {
        await services.Tokens.RevokeUserGrantAsync(id, clientId, services.Clock.GetUtcNow(), Actor(Me(http)).Entry(clientId, "grant_revoked", [], id));
        return SeeOther(http, $"/console/users/{id}?done=revoked");
    }

    private static async Task<IResult> DetailPageAsync(HttpContext http, ConsoleServices services, ClientRow row, ClientPageState state)
    {
        var audit = await services.Clients.AuditAsync(row.Id);
        var registration = await services.Registrations.FindAsync(row.Id);
        return ConsolePages.ClientDetail(Me(http), ConsoleForm.Token(http), row, registration, audit, state);
    }

    /// <summary>True when the form's <c>password</c> is the signed-in operator's (counted and locked like any sign-in).</summary>
    private static async Task<bool> PasswordConfirmedAsync(HttpContext http, ConsoleForm form, ConsoleServices services)
    {
        var me = Me(http);
        if (form.Single("password") is not { } password)
            return false;
        var result = await services.PasswordSignIn.CheckPageAsync(me.Username, password, services.Clock.GetUtcNow());
        return result.User?.Id == me.Id;
    }

    private static Operator Me(HttpContext http) => (Operator)http.Items[OperatorItem]!;

    /// <summary>The audit actor of a console action: the operator's user id.</summary>
    private static AuditActor Actor(Operator signedIn) => new(signedIn.Id.ToString(), null);

    private static string? Done(HttpContext http) => ConsoleForm.Single(http.Request.Query["done"]);

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    /// <summary>A 303 after a form post (so reloading the page does not post it again), never cached.</summary>
    private static IResult SeeOther(HttpContext http, string location) => AuthorizationRedirects.To(http, location);

    private static IResult NotAnOperator() =>
        ConsolePages.Message("Not an operator", "This account may not use the operators' console. Ask an administrator to grant it the operator role.", StatusCodes.Status403Forbidden);

    private static IResult NoClient() => ConsolePages.Message("No such client", "No client has this id.", StatusCodes.Status404NotFound);

    private static IResult NoUser(HttpContext http) => ConsolePages.Message("No such user", "No user has this id.", StatusCodes.Status404NotFound, Me(http));
}
