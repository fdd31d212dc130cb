using Auth.Api.Authorize.Pages;

namespace Auth.Api.EndSession;

/// <summary>The sign-out confirmation page and its outcomes: plain HTML, usable without JavaScript.</summary>
public static class EndSessionPages
{
    /// <summary>Asks whether to sign out, with buttons <c>name="decision"</c> <c>value="sign-out"</c> and <c>value="stay"</c>.</summary>
    public static HtmlPage Confirm(string query, AuthorizePages.FormToken token, string username, string? clientName) =>
        new("Sign out", $"""
            <h1>Sign out?</h1>
            <p class="lead">You are signed in as <strong>{Html.Encode(username)}</strong>.</p>
            <p>{(clientName is null ? "A website asked to sign you out." : $"<strong>{Html.Encode(clientName)}</strong> asked to sign you out.")} Signing out here signs you out of every application that uses this account on this browser.</p>
            <form method="post" action="{EndSessionEndpoints.ConfirmPath}{Html.Encode(query)}">
            <input type="hidden" name="{Html.Encode(token.FieldName)}" value="{Html.Encode(token.Value)}">
            <div class="actions">
            <button type="submit" name="decision" value="stay" class="secondary">Stay signed in</button>
            <button type="submit" name="decision" value="sign-out" class="primary">Sign out</button>
            </div>
            </form>
            """);

    public static HtmlPage SignedOut() =>
        new("Signed out", """
            <h1>You are signed out</h1>
            <p class="lead">You can close this window.</p>
            """);

    public static HtmlPage StillSignedIn() =>
        new("Still signed in", """
            <h1>You are still signed in</h1>
            <p class="lead">Nothing changed. You can close this window.</p>
            """);
}
