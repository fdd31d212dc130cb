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
        // Reject while the username is locked, before spending a hash on it.
        if (loginLock.IsLocked(context.Now))
            return new(Locked, PasswordGrantWrite.None);

        var scope = ScopePolicy.Grant(requestedScope, context.Client.Scopes);
        if (scope.IsError)
            return new(scope.Error!, PasswordGrantWrite.None);

        // Note: an unknown user costs one hash too, so response time does not reveal which usernames exist.
        var check = user is null
            ? hasher.VerifyDecoy(password)
            : hasher.Verify(user.PasswordHash, password);

        // Reject unknown users, disabled users and wrong passwords alike, counting the failure.
        if (user is null || !user.Enabled || check == PasswordCheck.Failed)
            return new(BadCredentials, PasswordGrantWrite.RecordFailure);

        var tokens = TokenMinting.Mint(context, subject: user.Id.ToString(), scope.Value!, user.Username, familyId: Guid.NewGuid());
        var rehashed = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password) : null;
        return new(tokens, loginLock.Failures > 0 ? PasswordGrantWrite.ClearFailures : PasswordGrantWrite.None, rehashed);
    }
}
