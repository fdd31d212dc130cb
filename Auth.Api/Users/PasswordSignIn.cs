using Auth.Api.Hosting;
using Auth.Api.Observability;
using Auth.Core.Users;
using Auth.Data.Users;

namespace Auth.Api.Users;

/// <summary>
/// One username-and-password check, as the password grant and the sign-in page both make it:
/// loads the account and the username's lock, lets <see cref="SignIn"/> decide, and stores what
/// it calls for (the failure count, a lock, an upgraded hash).
/// </summary>
public sealed class PasswordSignIn(
    UserStore users, LoginFailureStore failures, Auth.Core.Users.IPasswordHasher hasher, AuthSettings settings, AuthMetrics metrics)
{
    public async Task<SignInResult> CheckAsync(string username, string password, DateTimeOffset now)
    {
        var key = Usernames.Key(username);
        var loginLock = await failures.GetAsync(key);
        var user = await users.FindByUsernameAsync(username);
        var result = SignIn.Check(password, user, loginLock, hasher, now);

        switch (result.Write)
        {
            case SignInWrite.RecordFailure:
                if (await failures.RecordFailureAsync(key, settings.Lockout, now))
                    metrics.LockedOut();
                break;
            case SignInWrite.ClearFailures:
                await failures.ClearAsync(key);
                break;
        }
        if (result is { User: { } signedIn, RehashedPassword: { } rehashed })
            await users.UpgradeHashAsync(signedIn.Id, signedIn.PasswordHash, rehashed);
        return result;
    }
}
