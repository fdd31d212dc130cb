using System.Text.Json;
using Auth.Api.Authorize.Pages;
using Auth.Api.Admin;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Users;
using Auth.Data.Audit;
using Auth.Data.Clients;
using Auth.Data.Users;
using static Auth.Api.OperatorConsole.PageParts;

namespace Auth.Api.OperatorConsole;

/// <summary>How a client's page is shown: after a save, with the posted form and its errors, or after a stale edit.</summary>
public sealed record ClientPageState(
    string? Done = null, ConsoleForm? Posted = null, IReadOnlyDictionary<string, string[]>? Errors = null, bool Stale = false, int Status = StatusCodes.Status200OK);

/// <summary>The console's pages: plain HTML forms on the shared page layout, usable without JavaScript.</summary>
public static class ConsolePages
{
    /// <summary>The registrations queue's age filters, in hours waited.</summary>
    public static readonly int[] WaitFilters = [24, 48, 168];
    // The registration document promises approval "typically within 48 hours".
    private static readonly TimeSpan Promised = TimeSpan.FromHours(48);

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["approved"] = "The app is approved: it may get tokens from now on.",
        ["rejected"] = "The app is rejected; the reason is in its audit history.",
        ["saved"] = "Saved.",
        ["enabled"] = "Enabled.",
        ["disabled"] = "Disabled.",
        ["deleted"] = "The client and its tokens are deleted.",
        ["unlocked"] = "The account is unlocked.",
        ["revoked"] = "The grant is revoked: its tokens stopped working.",
    };

    public static HtmlPage SignIn(AuthorizePages.FormToken token, string? username = null, string? message = null) =>
        new("Operator console", AuthorizePages.SignInForm(
            "Operators only. This session is separate from your everyday sign-in and ends after 15 minutes idle.",
            "/console/sign-in", token, username, message, heading: "Sign in to the console"));

    public static HtmlPage Message(string title, string message, int status, Operator? me = null) =>
        me is null
            ? new(title, $"""<h1>{E(title)}</h1>{Alert(message)}<p class="fine"><a href="/console">Back to the console</a></p>""", status)
            : new(title, Nav(me, null, "") + $"""<h1>{E(title)}</h1>{Alert(message)}""", status, wide: true);

    public static HtmlPage Registrations(Operator me, AuthorizePages.FormToken token, IReadOnlyList<PendingRegistration> pending, int waitingHours,
        DateTimeOffset now, string? done, (string ClientId, string Message)? rejectError = null)
    {
        var options = string.Concat(new[] { 0 }.Concat(WaitFilters).Select(h =>
            $"""<option value="{h}"{(h == waitingHours ? " selected" : "")}>{(h == 0 ? "any time" : $"more than {(h % 24 == 0 ? $"{h / 24} day{(h == 24 ? "" : "s")}" : $"{h} hours")}")}</option>"""));
        var items = pending.Count == 0
            ? """<p class="hint">No app is waiting for approval.</p>"""
            : string.Concat(pending.Select(p => Registration(p, token, now, rejectError is { } r && r.ClientId == p.ClientId ? r.Message : null)));
        var body = $"""
            <h1>Registrations waiting for approval</h1>
            {Ok(Done(done))}
            <form method="get" action="/console/registrations" class="filters">
            <div><label for="waiting">Waiting</label><select id="waiting" name="waiting">{options}</select></div>
            <button type="submit" class="secondary">Filter</button>
            </form>
            <p class="hint">{pending.Count} waiting, oldest first. Apps are promised an answer within 48 hours.</p>
            {items}
            """;
        return Page(me, token, "Registrations", "registrations", body, rejectError is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string Registration(PendingRegistration p, AuthorizePages.FormToken token, DateTimeOffset now, string? rejectError)
    {
        var waited = now - new DateTimeOffset(DateTime.SpecifyKind(p.CreatedAt, DateTimeKind.Utc));
        var badge = waited > Promised ? """<span class="badge warn">over 48 h</span>""" : "";
        var id = Id(p.ClientId);
        var errors = rejectError is null ? null : new Dictionary<string, string[]> { ["reason"] = [rejectError] };
        return $"""
            <section aria-labelledby="app-{id}">
            <h2 id="app-{id}">{E(p.AppName)} <span class="hint">({E(p.AppCodeName)})</span> {badge}</h2>
            <dl class="fields">
            <dt>Waiting</dt><dd>{Duration(waited)} (registered {When(p.CreatedAt)})</dd>
            <dt>Company</dt><dd>{E(p.CompanyName)}</dd>
            <dt>Company info</dt><dd>{E(p.CompanyInfo)}</dd>
            <dt>Homepage</dt><dd><span class="host">{E(p.HomepageUrl)}</span></dd>
            <dt>Contact</dt><dd>{E(p.ContactName)} · {E(p.ContactPhone)} · {E(p.ContactEmail)}</dd>
            <dt>Logo URL</dt><dd>{(p.Logo is null ? "<span class=\"hint\">none</span>" : $"<span class=\"host\">{E(p.Logo)}</span> <span class=\"hint\">(not loaded)</span>")}</dd>
            <dt>Redirect URIs</dt><dd>{List(p.RedirectUris)}</dd>
            <dt>Grant types</dt><dd>{E(string.Join(", ", p.GrantTypes))}</dd>
            <dt>Client id</dt><dd><a href="/console/clients/{Uri.EscapeDataString(p.ClientId)}">{E(p.ClientId)}</a></dd>
            </dl>
            <div class="row">
            <form method="post" action="/console/registrations/{Uri.EscapeDataString(p.ClientId)}/approve">
            {AuthorizePages.Hidden(token)}
            <button type="submit" class="primary" aria-label="Approve {E(p.AppName)}">Approve</button>
            </form>
            <form method="post" action="/console/registrations/{Uri.EscapeDataString(p.ClientId)}/reject">
            {AuthorizePages.Hidden(token)}
            {TextArea("reason", $"Reason for rejecting {p.AppName}", null, errors, id: $"reason-{id}")}
            <button type="submit" class="secondary" aria-label="Reject {E(p.AppName)}">Reject</button>
            </form>
            </div>
            </section>
            """;
    }

    public static HtmlPage Clients(Operator me, AuthorizePages.FormToken token, ClientListQuery query, ClientListing page, int status)
    {
        var rows = string.Concat(page.Rows.Select(r => $"""
            <tr><td><a href="/console/clients/{Uri.EscapeDataString(r.Id)}">{E(r.Id)}</a></td><td>{E(r.Name)}</td>
            <td>{E(r.Status)}</td><td>{(r.Enabled ? "yes" : "no")}</td><td>{E(r.TenantId)}</td><td>{r.Version}</td>
            <td>{E(string.Join(", ", r.GrantTypes))}</td></tr>
            """));
        var enabledOptions = string.Concat(new[] { ("", "any"), ("true", "enabled"), ("false", "disabled") }.Select(o =>
            $"""<option value="{o.Item1}"{(string.Equals(query.Enabled ?? "", o.Item1, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{o.Item2}</option>"""));
        var pages = (int)Math.Max(1, (page.Total + page.PageSize - 1) / page.PageSize);
        string Link(int pageNo) => "/console/clients?" + string.Join("&", new[]
        {
            ("clientName", query.ClientName), ("enabled", query.Enabled), ("tenantId", query.TenantId),
            ("pageNo", pageNo.ToString()), ("pageSize", page.PageSize.ToString()),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        var pager = $"""
            <nav class="pager" aria-label="Pages">
            {(page.PageNo > 1 ? $"""<a href="{E(Link(page.PageNo - 1))}">Previous page</a>""" : "")}
            <span>Page {page.PageNo} of {pages} · {page.Total} client{(page.Total == 1 ? "" : "s")}</span>
            {(page.PageNo < pages ? $"""<a href="{E(Link(page.PageNo + 1))}">Next page</a>""" : "")}
            </nav>
            """;
        var body = $"""
            <h1>Clients</h1>
            <form method="get" action="/console/clients" class="filters">
            {Field("clientName", "Name contains", query.ClientName, page.Errors)}
            <div><label for="enabled">Enabled</label><select id="enabled" name="enabled"{(page.Errors.ContainsKey("enabled") ? " aria-invalid=\"true\"" : "")}>{enabledOptions}</select></div>
            {Field("tenantId", "Tenant id", query.TenantId, page.Errors)}
            {Field("pageSize", "Per page", query.PageSize ?? page.PageSize.ToString(), page.Errors, type: "number", extra: $" min=\"1\" max=\"{ClientAdministration.MaxPageSize}\"")}
            {Hidden("pageNo", "1")}
            <button type="submit" class="secondary">Search</button>
            </form>
            {(page.Errors.TryGetValue("pageNo", out var pageNoError) ? Alert("Page: " + string.Join(" ", pageNoError)) : "")}
            <table>
            <caption class="hint">Clients, oldest first</caption>
            <thead><tr><th scope="col">Client id</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Enabled</th><th scope="col">Tenant</th><th scope="col">Version</th><th scope="col">Grant types</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            {pager}
            """;
        return Page(me, token, "Clients", "clients", body, status);
    }

    public static HtmlPage ClientDetail(Operator me, AuthorizePages.FormToken token, ClientRow row, AppRegistrationRow? registration,
        IReadOnlyList<ClientAuditRow> audit, ClientPageState state)
    {
        var path = "/console/clients/" + Uri.EscapeDataString(row.Id);
        var view = ClientMerge.View(row);
        var isPublic = row.AuthMethods is [ClientAuthMethods.None];
        var errors = state.Errors;
        var posted = state.Posted;
        string Value(string name, string stored) => posted is null ? stored : posted.Text(name);
        IReadOnlyCollection<string> Chosen(string name, IReadOnlyCollection<string> stored) => posted is null ? stored : posted.All(name);

        var stale = state.Stale
            ? Alert($"Someone changed this client while you were editing it; it is now at version {row.Version}. Nothing was saved: these are the current values, edit them again.")
            : "";
        var invalid = errors is { Count: > 0 } && posted is not null ? Alert("Nothing was saved: correct the marked fields.") : "";
        var publisher = registration is null ? "" : $"""
            <h2>Publisher</h2>
            <dl class="fields">
            <dt>Company</dt><dd>{E(registration.CompanyName)}</dd>
            <dt>Homepage</dt><dd><span class="host">{E(registration.HomepageUrl)}</span></dd>
            <dt>Contact</dt><dd>{E(registration.ContactName)} · {E(registration.ContactPhone)} · {E(registration.ContactEmail)}</dd>
            </dl>
            """;
        var auditRows = string.Concat(audit.Select(a => $"""
            <tr><td>{When(a.At)}</td><td>{E(a.Action)}</td><td>{E(a.Actor)}{(a.ActorClientId is null ? "" : $" <span class=\"hint\">via {E(a.ActorClientId)}</span>")}</td>
            <td>{E(string.Join(", ", a.Fields))}</td><td>{E(a.Note)}</td></tr>
            """));
        var ttls = new[] { ("Access token lifetime", TokenSettings.AccessTokenTtl), ("Refresh token lifetime", TokenSettings.RefreshTokenTtl), ("Code lifetime", TokenSettings.CodeTtl) };
        var body = $"""
            <p><a href="/console/clients">All clients</a></p>
            <h1>{E(row.Name)}</h1>
            {Ok(Done(state.Done))}{stale}{invalid}
            <h2>Settings</h2>
            <dl class="fields">
            <dt>Client id</dt><dd>{E(row.Id)}</dd>
            <dt>Status</dt><dd>{E(row.Status)}{(row.Enabled ? "" : " · disabled")}</dd>
            <dt>Version</dt><dd>{row.Version}</dd>
            <dt>Authentication</dt><dd>{E(string.Join(", ", row.AuthMethods))}</dd>
            <dt>Grant types</dt><dd>{E(string.Join(", ", row.GrantTypes))}</dd>
            <dt>Scopes</dt><dd>{E(string.Join(" ", row.Scopes))}</dd>
            <dt>Audiences</dt><dd>{E(string.Join(" ", row.Audiences))}</dd>
            <dt>Redirect URIs</dt><dd>{List(row.RedirectUris)}</dd>
            <dt>Lifetimes</dt><dd>{string.Join(" · ", ttls.Select(t => $"{E(t.Item1)} {E(view.TokenSettings[t.Item2])}"))}</dd>
            <dt>Client settings</dt><dd><span class="host">{E(JsonSerializer.Serialize(view.ClientSettings))}</span></dd>
            <dt>Tenant</dt><dd>{E(row.TenantId)} {E(row.TenantName)}</dd>
            <dt>Created · updated</dt><dd>{When(row.CreatedAt)} · {When(row.UpdatedAt)}</dd>
            </dl>
            {publisher}
            <h2 id="edit-heading">Edit</h2>
            <form method="post" action="{path}/edit" aria-labelledby="edit-heading">
            {AuthorizePages.Hidden(token)}
            {Hidden(ClientEditForm.Version, row.Version.ToString())}
            {(errors?.TryGetValue(ClientEditForm.Version, out var versionError) == true ? Alert(string.Join(" ", versionError)) : "")}
            <div class="row">
            {Field("clientName", "Name", Value("clientName", row.Name), errors)}
            {Field("tenantId", "Tenant id", Value("tenantId", row.TenantId ?? ""), errors)}
            {Field("tenantName", "Tenant name", Value("tenantName", row.TenantName ?? ""), errors)}
            </div>
            {TextArea("description", "Description", Value("description", row.Description ?? ""), errors)}
            {Checkboxes("authorizationGrantTypes", "Grant types", GrantTypes.All, Chosen("authorizationGrantTypes", row.GrantTypes), errors)}
            {Checkboxes("clientAuthenticationMethods", "Client authentication", ClientAuthMethods.All, Chosen("clientAuthenticationMethods", row.AuthMethods), errors)}
            {TextArea("redirectUris", "Redirect URIs", Value("redirectUris", string.Join("\n", row.RedirectUris)), errors, hint: "One absolute URI per line.")}
            <div class="row">
            {Field("scopes", "Scopes", Value("scopes", string.Join(" ", row.Scopes)), errors, hint: "Separated by spaces.")}
            {Field("audiences", "Audiences", Value("audiences", string.Join(" ", row.Audiences)), errors, hint: "Separated by spaces; none means the client id.")}
            </div>
            <div class="row">
            {string.Concat(ttls.Select(t => Field(t.Item2, t.Item1, Value(t.Item2, view.TokenSettings[t.Item2]), errors, hint: "ISO-8601, e.g. PT1H", id: Id(t.Item2))))}
            </div>
            <button type="submit" class="primary">Save changes</button>
            </form>
            <h2>Actions</h2>
            <div class="row">
            <form method="post" action="{path}/enabled">
            {AuthorizePages.Hidden(token)}
            {Hidden("version", row.Version.ToString())}
            {Hidden("enabled", row.Enabled ? "false" : "true")}
            <button type="submit" class="secondary">{(row.Enabled ? "Disable client" : "Enable client")}</button>
            </form>
            </div>
            {(isPublic ? "" : $"""
            <form method="post" action="{path}/secret">
            <fieldset><legend>Rotate the secret</legend>
            {AuthorizePages.Hidden(token)}
            <p class="hint">The new secret is shown once; the old one stops working at once.</p>
            {Field("password", "Your password", null, Rename(errors, "rotate-password", "password"), type: "password", id: "rotate-password", extra: " autocomplete=\"current-password\" required")}
            <button type="submit" class="secondary">Rotate secret</button>
            </fieldset>
            </form>
            """)}
            <form method="post" action="{path}/delete">
            <fieldset><legend>Delete the client</legend>
            {AuthorizePages.Hidden(token)}
            <p class="hint">Deletes the client and revokes every token it holds. Its id cannot be used again.</p>
            {Field("confirm", $"Type the client id ({row.Id}) to confirm", null, Rename(errors, "delete-confirm", "confirm"), id: "delete-confirm", extra: " autocomplete=\"off\" required")}
            {Field("password", "Your password", null, Rename(errors, "delete-password", "password"), type: "password", id: "delete-password", extra: " autocomplete=\"current-password\" required")}
            <button type="submit" class="danger">Delete client</button>
            </fieldset>
            </form>
            <h2>Audit history</h2>
            <table>
            <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">Fields</th><th scope="col">Note</th></tr></thead>
            <tbody>{auditRows}</tbody>
            </table>
            """;
        return Page(me, token, row.Name, "clients", body, state.Status);
    }

    public static HtmlPage SecretShown(Operator me, AuthorizePages.FormToken token, ClientRow row, string secret)
    {
        var body = $"""
            <h1>New secret for {E(row.Name)}</h1>
            <div class="ok" role="status">The secret is rotated. Copy it now: it is shown only this once and is stored only as a hash.</div>
            <label for="new-secret">Client secret of {E(row.Id)}</label>
            <input id="new-secret" class="secret" type="text" readonly value="{E(secret)}" aria-describedby="new-secret-hint" autofocus>
            <p class="hint" id="new-secret-hint">Select the field and copy it (Ctrl+A, then Ctrl+C). The old secret no longer works.</p>
            <p><a href="/console/clients/{Uri.EscapeDataString(row.Id)}">Back to {E(row.Name)}</a></p>
            """;
        return Page(me, token, "New secret", "clients", body, StatusCodes.Status200OK);
    }

    public static HtmlPage Users(Operator me, AuthorizePages.FormToken token, string? search, IReadOnlyList<UserSummary> users)
    {
        var rows = string.Concat(users.Select(u => $"""
            <tr><td><a href="/console/users/{u.Id}">{E(u.Username)}</a></td><td>{(u.Enabled ? "yes" : "no")}</td><td>{When(u.CreatedAt)}</td></tr>
            """));
        var body = $"""
            <h1>Users</h1>
            <form method="get" action="/console/users" class="filters">
            {Field("username", "Username contains", search, null)}
            <button type="submit" class="secondary">Search</button>
            </form>
            <table>
            <caption class="hint">{users.Count} user{(users.Count == 1 ? "" : "s")}{(users.Count >= 100 ? " (the first 100)" : "")}</caption>
            <thead><tr><th scope="col">Username</th><th scope="col">Enabled</th><th scope="col">Created</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """;
        return Page(me, token, "Users", "users", body, StatusCodes.Status200OK);
    }

    public static HtmlPage UserDetail(Operator me, AuthorizePages.FormToken token, UserSummary user, AttemptState attempts, bool isOperator,
        IReadOnlyList<UserGrant> grants, IReadOnlyList<ClientAuditRow> audit, DateTimeOffset now, string? done)
    {
        var path = $"/console/users/{user.Id}";
        var locked = attempts.IsLocked(now)
            ? $"locked until {When(attempts.LockedUntil!.Value.UtcDateTime)} (from at least one source)"
            : attempts.Failures > 0 ? $"not locked; {attempts.Failures} failed sign-in{(attempts.Failures == 1 ? "" : "s")} counted" : "not locked";
        var grantRows = string.Concat(grants.Select(g => $"""
            <tr><td>{E(g.ClientName)} <span class="hint">{E(g.ClientId)}</span></td><td>{E(g.CompanyName)}</td>
            <td>{E(string.Join(", ", g.Scopes))}</td><td>{When(g.GrantedAt)}</td><td>{When(g.LastUsedAt)}</td>
            <td><form method="post" action="{path}/grants/{Uri.EscapeDataString(g.ClientId)}/revoke">{AuthorizePages.Hidden(token)}
            <button type="submit" class="secondary" aria-label="Revoke {E(g.ClientName)}">Revoke</button></form></td></tr>
            """));
        var auditRows = string.Concat(audit.Select(a => $"""
            <tr><td>{When(a.At)}</td><td>{E(a.Action)}</td><td>{E(a.Actor)}</td><td>{E(a.ClientId)}</td></tr>
            """));
        var body = $"""
            <p><a href="/console/users">All users</a></p>
            <h1>{E(user.Username)}</h1>
            {Ok(Done(done))}
            <dl class="fields">
            <dt>User id</dt><dd>{user.Id}</dd>
            <dt>Enabled</dt><dd>{(user.Enabled ? "yes" : "no")}</dd>
            <dt>Sign-in lock</dt><dd>{E(locked)}</dd>
            <dt>Roles</dt><dd>{(isOperator ? Roles.Operator : "none")}</dd>
            <dt>Created</dt><dd>{When(user.CreatedAt)}</dd>
            </dl>
            <div class="row">
            <form method="post" action="{path}/enabled">{AuthorizePages.Hidden(token)}{Hidden("enabled", user.Enabled ? "false" : "true")}
            <button type="submit" class="secondary">{(user.Enabled ? "Disable account" : "Enable account")}</button></form>
            <form method="post" action="{path}/unlock">{AuthorizePages.Hidden(token)}
            <button type="submit" class="secondary">Unlock sign-in</button></form>
            </div>
            <h2>Active grants</h2>
            {(grants.Count == 0 ? "<p class=\"hint\">No app holds a grant of this user.</p>" : $"""
            <table>
            <thead><tr><th scope="col">App</th><th scope="col">Company</th><th scope="col">Scopes</th><th scope="col">Granted</th><th scope="col">Last used</th><th scope="col">Action</th></tr></thead>
            <tbody>{grantRows}</tbody>
            </table>
            """)}
            <h2>Audit history</h2>
            <table>
            <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">Client</th></tr></thead>
            <tbody>{auditRows}</tbody>
            </table>
            """;
        return Page(me, token, user.Username, "users", body, StatusCodes.Status200OK);
    }

    private static HtmlPage Page(Operator me, AuthorizePages.FormToken token, string title, string active, string body, int status) =>
        new(title, Nav(me, active, SignOutForm(me, token)) + body, status, wide: true);

    private static string Nav(Operator me, string? active, string signOut)
    {
        string Tab(string key, string label) =>
            $"""<a href="/console/{key}"{(key == active ? " aria-current=\"page\"" : "")}>{label}</a>""";
        return $"""
            <nav class="tabs" aria-label="Console">
            {Tab("registrations", "Registrations")}{Tab("clients", "Clients")}{Tab("users", "Users")}
            {signOut}
            </nav>
            """;
    }

    private static string SignOutForm(Operator me, AuthorizePages.FormToken token) =>
        $"""<form method="post" action="/console/sign-out"><span class="who">Operator {E(me.Username)}</span> {AuthorizePages.Hidden(token)}<button type="submit" class="secondary">Sign out</button></form>""";

    private static string? Done(string? key) => key is not null && DoneMessages.TryGetValue(key, out var message) ? message : null;

    private static IReadOnlyDictionary<string, string[]>? Rename(IReadOnlyDictionary<string, string[]>? errors, string from, string to) =>
        errors is not null && errors.TryGetValue(from, out var messages) ? new Dictionary<string, string[]> { [to] = messages } : null;
}
