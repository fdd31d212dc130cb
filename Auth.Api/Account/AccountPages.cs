using Auth.Api.Authorize.Pages;
using Auth.Data.Users;
using static Auth.Api.OperatorConsole.PageParts;

namespace Auth.Api.Account;

/// <summary>The connected-apps page and its sign-in: plain HTML forms on the shared page layout.</summary>
public static class AccountPages
{
    public static HtmlPage SignIn(AuthorizePages.FormToken token, string? username = null, string? message = null) =>
        new("Sign in", AuthorizePages.SignInForm("to see the apps connected to your account", "/account/sign-in", token, username, message));

    public static HtmlPage Message(string message, int status) =>
        new("Something went wrong", $"""<h1>We can't continue</h1>{Alert(message)}<p class="fine"><a href="{AccountEndpoints.AppsPath}">Back to your connected apps</a></p>""", status);

    public static HtmlPage Apps(AuthorizePages.FormToken token, string username, IReadOnlyList<UserGrant> grants, string? revoked)
    {
        var items = string.Concat(grants.Select(g =>
        {
            var scopes = string.Concat(g.Scopes.Select(scope =>
            {
                var (title, detail) = ScopeDescriptions.Describe(scope);
                return $"<li><strong>{E(title)}</strong><span>{E(detail)}</span></li>";
            }));
            var id = Id(g.ClientId);
            return $"""
                <section aria-labelledby="app-{id}">
                <h2 id="app-{id}">{E(g.ClientName)}</h2>
                <dl class="fields">
                <dt>Published by</dt><dd>{(g.CompanyName is null ? "<span class=\"hint\">not stated</span>" : $"{E(g.CompanyName)}{(g.HomepageUrl is null ? "" : $" · <span class=\"host\">{E(g.HomepageUrl)}</span>")}")}</dd>
                <dt>Allowed since</dt><dd>{When(g.GrantedAt)}</dd>
                <dt>Last used</dt><dd>{When(g.LastUsedAt)}</dd>
                </dl>
                <p id="scopes-{id}">It can:</p>
                {(scopes.Length == 0 ? "<p class=\"hint\">No scope recorded.</p>" : $"""<ul class="scopes" aria-labelledby="scopes-{id}">{scopes}</ul>""")}
                <form method="post" action="/account/apps/{Uri.EscapeDataString(g.ClientId)}/revoke">
                {AuthorizePages.Hidden(token)}
                <button type="submit" class="danger" aria-label="Revoke access of {E(g.ClientName)}">Revoke access</button>
                </form>
                </section>
                """;
        }));
        var body = $"""
            <nav class="tabs" aria-label="Account">
            <a href="{AccountEndpoints.AppsPath}" aria-current="page">Connected apps</a>
            <form method="post" action="/account/sign-out"><span class="who">Signed in as {E(username)}</span> {AuthorizePages.Hidden(token)}<button type="submit" class="secondary">Sign out</button></form>
            </nav>
            <h1>Connected apps</h1>
            {(revoked is null ? "" : Ok($"{revoked} no longer has access to your account."))}
            <p class="lead">These apps can use your account. Revoke any you no longer use or trust: it stops at once and must ask you again.</p>
            {(grants.Count == 0 ? "<p class=\"hint\">No app is connected to your account.</p>" : items)}
            """;
        return new("Connected apps", body, wide: true);
    }
}
