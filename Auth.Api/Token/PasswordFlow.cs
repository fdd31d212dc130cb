using Auth.Api.OAuth;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Users;

namespace Auth.Api.Token;

/// <summary>password: loads the user and the username's lock, lets the grant decide, stores what it says.</summary>
public static class PasswordFlow
{
    public static async Task<IResult> RunAsync(OAuthForm form, GrantContext context, TokenServices services)
    {
        var username = form[Parameters.Username];
        var password = form[Parameters.Password];
        if (username is null || password is null)
            return OAuthResults.Error(OAuthError.InvalidRequest("username and password are required."));

        var key = Usernames.Key(username);
        var loginLock = await services.LoginFailures.GetAsync(key);
        var user = await services.Users.FindByUsernameAsync(username);
        var outcome = PasswordGrant.Handle(username, password, form[Parameters.Scope], context, user, loginLock, services.PasswordHasher);

        switch (outcome.Write)
        {
            case PasswordGrantWrite.RecordFailure:
                if (await services.LoginFailures.RecordFailureAsync(key, services.Settings.Lockout, context.Now))
                    services.Metrics.LockedOut();
                break;
            case PasswordGrantWrite.ClearFailures:
                await services.LoginFailures.ClearAsync(key);
                break;
        }
        if (outcome.Tokens.IsError)
            return OAuthResults.Error(outcome.Tokens.Error!);

        if (outcome.RehashedPassword is { } rehashed)
            await services.Users.UpgradeHashAsync(user!.Id, user.PasswordHash, rehashed);

        var tokens = outcome.Tokens.Value!;
        await services.Tokens.CreateFamilyAsync(context.Client.Id, user!.Id, tokens);
        return OAuthResults.Tokens(tokens);
    }
}
