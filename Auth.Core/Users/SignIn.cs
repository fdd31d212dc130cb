namespace Auth.Core.Users;

public enum SignInFailure
{
    BadCredentials,
    /// <summary>This source is locked (or slowed down) for this username: no password was checked.</summary>
    Locked,
    /// <summary>Too many password checks right now (per address, or the hashing cap): retry after <see cref="SignInResult.RetryAfter"/>.</summary>
    Busy,
}

/// <summary>
/// The decision of one username-and-password check: the signed-in <see cref="User"/> (with an
/// upgraded hash to store when the old one used weaker parameters), or a <see cref="Failure"/>.
/// </summary>
public sealed record SignInResult(UserAccount? User, SignInFailure? Failure, string? RehashedPassword = null, TimeSpan? RetryAfter = null)
{
    public static readonly SignInResult BadCredentials = new(null, SignInFailure.BadCredentials);
    public static SignInResult Locked(TimeSpan retryAfter) => new(null, SignInFailure.Locked, RetryAfter: retryAfter);
    public static SignInResult Busy(TimeSpan retryAfter) => new(null, SignInFailure.Busy, RetryAfter: retryAfter);
}

/// <summary>
/// Checks a password against the stored account, once an attempt has been reserved for it; shared by
/// the password grant and the sign-in page so both decide alike.
/// </summary>
public static class SignIn
{
    public static SignInResult Check(string password, UserAccount? user, IPasswordHasher hasher)
    {
        // Note: an unknown user costs one hash too, so response time does not reveal which usernames exist.
        var check = user is null
            ? hasher.VerifyDecoy(password)
            : hasher.Verify(user.PasswordHash, password);

        // Reject unknown users, disabled users and wrong passwords alike.
        if (user is null || !user.Enabled || check == PasswordCheck.Failed)
            return SignInResult.BadCredentials;

        var rehashed = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password) : null;
        return new(user, null, rehashed);
    }
}
