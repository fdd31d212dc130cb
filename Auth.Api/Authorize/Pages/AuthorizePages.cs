using Auth.Core.Authorization;
using Auth.Core.Scopes;
using Auth.Data.Clients;

namespace Auth.Api.Authorize.Pages;

/// <summary>The sign-in, consent and error pages of the authorization endpoint: plain HTML forms, usable without JavaScript.</summary>
public static class AuthorizePages
{
    public sealed record FormToken(string FieldName, string Value);

    /// <summary>The sign-in form: fields <c>username</c> and <c>password</c>, one submit button.</summary>
    public static HtmlPage SignIn(AuthorizationRequest request, string query, FormToken token, string? username = null, string? message = null) =>
        new("Sign in", SignInForm(
            $"""to continue to <strong>{Html.Encode(request.Client.Name)}</strong>""",
            "/oauth/authorize/sign-in" + query, token, username, message,
            $"""<p class="fine">Next you will see exactly what {Html.Encode(request.Client.Name)} asks to access, and can refuse.</p>"""));

    /// <summary>
    /// The one sign-in form of every page (authorization, console, connected apps): a failure message is
    /// tied to both fields (<c>aria-describedby</c>, <c>aria-invalid</c>).
    /// </summary>
    public static string SignInForm(string leadHtml, string action, FormToken token, string? username, string? message, string afterHtml = "", string heading = "Sign in")
    {
        var invalid = message is null ? "" : """ aria-invalid="true" aria-describedby="sign-in-error" """.TrimEnd();
        return $"""
            <h1>{Html.Encode(heading)}</h1>
            <p class="lead">{leadHtml}</p>
            {Alert(message, "sign-in-error")}
            <form method="post" action="{Html.Encode(action)}">
            {Hidden(token)}
            <label for="username">Username</label>
            <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{Html.Encode(username)}"{invalid}{(username is null ? " autofocus" : "")}>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required{invalid}{(username is null ? "" : " autofocus")}>
            <button type="submit" class="primary">Sign in</button>
            </form>
            {afterHtml}
            """;
    }

    /// <summary>
    /// The consent form: the client's name and publisher (the company and homepage it registered with),
    /// each scope in words, and Allow / Deny buttons named <c>decision</c>.
    /// </summary>
    public static HtmlPage Consent(AuthorizationRequest request, string query, FormToken token, string username, AppRegistrationRow? publisher = null)
    {
        var items = string.Concat(ScopePolicy.Parse(request.Scope).Select(scope =>
        {
            var (title, detail) = ScopeDescriptions.Describe(scope);
            return $"<li><strong>{Html.Encode(title)}</strong><span>{Html.Encode(detail)}</span></li>";
        }));
        var destination = Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : request.RedirectUri;
        return new("Allow access", $"""
            <h1>Allow {Html.Encode(request.Client.Name)} to access your account?</h1>
            <p class="lead">Signed in as <strong>{Html.Encode(username)}</strong></p>
            {Publisher(publisher)}
            <p id="scopes-heading">{Html.Encode(request.Client.Name)} will be able to:</p>
            <ul class="scopes" aria-labelledby="scopes-heading">{items}</ul>
            <form method="post" action="/oauth/authorize/consent{Html.Encode(query)}">
            {Hidden(token)}
            <label class="remember"><input type="checkbox" name="remember" value="yes"> Remember this decision for {Html.Encode(request.Client.Name)}</label>
            <div class="actions">
            <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
            <button type="submit" name="decision" value="allow" class="primary">Allow</button>
            </div>
            </form>
            <p class="fine">You will then return to <span class="host">{Html.Encode(destination)}</span>. Allow only applications you trust.</p>
            """);
    }

    private static string Publisher(AppRegistrationRow? publisher) => publisher is null ? "" : $"""
        <p class="publisher">Published by <strong>{Html.Encode(publisher.CompanyName)}</strong> · <span class="host">{Html.Encode(publisher.HomepageUrl)}</span></p>
        """;

    /// <summary>The error page: shown instead of redirecting when the client or redirect URI cannot be trusted.</summary>
    public static HtmlPage Error(string message, int status = StatusCodes.Status400BadRequest) =>
        new("Something went wrong", $"""
            <h1>We can't continue with this request</h1>
            <div class="alert" role="alert">{Html.Encode(message)}</div>
            <p class="fine">For your safety we did not send you back to the application. Close this window and start again from the application, or contact its provider.</p>
            """, status);

    private static string Alert(string? message, string id) =>
        message is null ? "" : $"""<div class="alert" role="alert" id="{id}">{Html.Encode(message)}</div>""";

    public static string Hidden(FormToken token) =>
        $"""<input type="hidden" name="{Html.Encode(token.FieldName)}" value="{Html.Encode(token.Value)}">""";
}
