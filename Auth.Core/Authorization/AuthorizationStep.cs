using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Authorization;

/// <summary>A browser's sign-in session as the authorization endpoint sees it.</summary>
public sealed record SignedInSession(Guid UserId, string Username, DateTimeOffset AuthTime);

public enum AuthorizationStepKind
{
    SignIn,
    Consent,
    IssueCode,
    /// <summary>Redirect <see cref="AuthorizationStep.Error"/> to the client: <c>prompt=none</c> could not be honoured.</summary>
    Error,
}

public sealed record AuthorizationStep(AuthorizationStepKind Kind, OAuthError? Error = null)
{
    public static readonly AuthorizationStep SignIn = new(AuthorizationStepKind.SignIn);
    public static readonly AuthorizationStep Consent = new(AuthorizationStepKind.Consent);
    public static readonly AuthorizationStep IssueCode = new(AuthorizationStepKind.IssueCode);

    /// <summary>
    /// What a valid authorization request needs next, given the browser's session and the consent
    /// the user remembered for this client (null if none): sign in when there is no session,
    /// <c>prompt=login</c> asks for one, or the session is older than <c>max_age</c>; then consent
    /// unless the remembered scopes cover the request and <c>prompt=consent</c> is absent; else a
    /// code. With <c>prompt=none</c> a needed page is an error instead (OpenID Connect Core §3.1.2.1, §3.1.2.6).
    /// </summary>
    public static AuthorizationStep Next(AuthorizationRequest request, SignedInSession? session, IReadOnlyCollection<string>? rememberedScopes, DateTimeOffset now)
    {
        var silent = request.Prompts.Contains(Prompts.None);
        if (NeedsSignIn(request, session, now))
            return silent ? new(AuthorizationStepKind.Error, new OAuthError(OAuthErrors.LoginRequired, "The user is not signed in.")) : SignIn;

        var covered = rememberedScopes is not null && ScopePolicy.Parse(request.Scope).All(rememberedScopes.Contains);
        if (request.Prompts.Contains(Prompts.Consent) || !covered)
            return silent ? new(AuthorizationStepKind.Error, new OAuthError(OAuthErrors.ConsentRequired, "The user has not allowed this application yet.")) : Consent;

        return IssueCode;
    }

    /// <summary>True when the request needs the user to (re-)enter the password first.</summary>
    public static bool NeedsSignIn(AuthorizationRequest request, SignedInSession? session, DateTimeOffset now) =>
        session is null
        || request.Prompts.Contains(Prompts.Login)
        // Core §3.1.2.1: past max_age seconds since auth_time, the user must authenticate again.
        || (request.MaxAge is { } maxAge && now - session.AuthTime > maxAge);
}
