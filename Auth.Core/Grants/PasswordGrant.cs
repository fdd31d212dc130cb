using Auth.Core.OAuth;
using Auth.Core.Scopes;
using Auth.Core.Users;

namespace Auth.Core.Grants;

/// <summary>The outcome of a password grant, with the account writes it calls for.</summary>
public sealed record PasswordGrantOutcome(Outcome<IssuedTokens> Tokens, PasswordGrantWrite Write, string? RehashedPassword = null);

public enum PasswordGrantWrite
{
    None,
    RecordFailure,
    ClearFailures,
}

/// <summary>
/// The resource owner password credentials grant (RFC 6749 §4.3). Wrong credentials and a
/// locked account are <c>invalid_grant</c> (§5.2); the description says when the account is
/// locked but never whether the username or the password was wrong.
/// </summary>
public static class PasswordGrant
{
    private static readonly OAuthError BadCredentials = OAuthError.InvalidGrant("Invalid username or password.");
    private static readonly OAuthError Locked = OAuthError.InvalidGrant("Too many failed sign-in attempts: the account is locked for now. Try again later.");

    public static PasswordGrantOutcome Handle(
        string username, string password, string? requestedScope, GrantContext context,
        UserAccount? user, LoginLock loginLock, IPasswordHasher hasher)
    {
        var scope = ScopePolicy.Grant(requestedScope, context.Client.Scopes);
        if (scope.IsError)
            return new(scope.Error!, PasswordGrantWrite.None);

        var signIn = SignIn.Check(password, user, loginLock, hasher, context.Now);
        if (signIn.Failure is { } failure)
            return new(failure == SignInFailure.Locked ? Locked : BadCredentials, signIn.Write);

        var signedIn = signIn.User!;
        var tokens = TokenMinting.Mint(context, subject: signedIn.Id.ToString(), scope.Value!, signedIn.Username, familyId: Guid.NewGuid());
        return new(tokens, signIn.Write, signIn.RehashedPassword);
    }
}
