namespace Auth.Core.Users;

/// <summary>The write to the username's failure count that a sign-in check calls for.</summary>
public enum SignInWrite
{
    None,
    RecordFailure,
    ClearFailures,
}

public enum SignInFailure
{
    BadCredentials,
    Locked,
}

/// <summary>
/// The decision of one username-and-password check, with the account writes it calls for:
/// the signed-in <see cref="User"/>, or a <see cref="Failure"/>.
/// </summary>
public sealed record SignInResult(UserAccount? User, SignInFailure? Failure, SignInWrite Write, string? RehashedPassword);

/// <summary>
/// Checks a username and password against the stored account and the username's lock; shared by
/// the password grant and the sign-in page so both count failures and lock alike.
/// </summary>
public static class SignIn
{
    public static SignInResult Check(string password, UserAccount? user, LoginLock loginLock, IPasswordHasher hasher, DateTimeOffset now)
    {
        // Reject while the username is locked, before spending a hash on it.
        if (loginLock.IsLocked(now))
            return new(null, SignInFailure.Locked, SignInWrite.None, null);

        // Note: an unknown user costs one hash too, so response time does not reveal which usernames exist.
        var check = user is null
            ? hasher.VerifyDecoy(password)
            : hasher.Verify(user.PasswordHash, password);

        // Reject unknown users, disabled users and wrong passwords alike, counting the failure.
        if (user is null || !user.Enabled || check == PasswordCheck.Failed)
            return new(null, SignInFailure.BadCredentials, SignInWrite.RecordFailure, null);

        var rehashed = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password) : null;
        return new(user, null, loginLock.Failures > 0 ? SignInWrite.ClearFailures : SignInWrite.None, rehashed);
    }
}
