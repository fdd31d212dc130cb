using Auth.Core.OAuth;
using Auth.Core.Scopes;
using Auth.Core.Users;

namespace Auth.Core.Grants;

/// <summary>
/// The resource owner password credentials grant (RFC 6749 §4.3), in two steps around the
/// password check: the scope first (a bad one costs no hash and counts no failure), then the
/// tokens for a successful <see cref="SignIn"/>. Wrong credentials and a locked account are
/// <c>invalid_grant</c> (§5.2); the description says when the account is locked but never
/// whether the username or the password was wrong.
/// </summary>
public static class PasswordGrant
{
    private static readonly OAuthError BadCredentials = OAuthError.InvalidGrant("Invalid username or password.");
    private static readonly OAuthError Locked = OAuthError.InvalidGrant("Too many failed sign-in attempts: the account is locked for now. Try again later.");

    public static Outcome<string> Scope(string? requestedScope, GrantContext context) =>
        ScopePolicy.Grant(requestedScope, context.Client.Scopes);

    public static Outcome<IssuedTokens> Issue(string scope, GrantContext context, SignInResult signIn)
    {
        if (signIn.Failure is { } failure)
            return failure == SignInFailure.Locked ? Locked : BadCredentials;

        var user = signIn.User!;
        return TokenMinting.Mint(context, subject: user.Id.ToString(), scope, user.Username, familyId: Guid.NewGuid());
    }
}
