using Auth.Api.OAuth;
using Auth.Core.Grants;
using Auth.Core.OAuth;

namespace Auth.Api.Token;

/// <summary>password: the scope, then the shared password check, then the tokens and their family.</summary>
public static class PasswordFlow
{
    public static async Task<IResult> RunAsync(OAuthForm form, GrantContext context, TokenServices services)
    {
        var username = form[Parameters.Username];
        var password = form[Parameters.Password];
        if (username is null || password is null)
            return OAuthResults.Error(OAuthError.InvalidRequest("username and password are required."));

        var scope = PasswordGrant.Scope(form[Parameters.Scope], context);
        if (scope.IsError)
            return OAuthResults.Error(scope.Error!);

        var signIn = await services.PasswordSignIn.CheckGrantAsync(context.Client.Id, username, password, context.Now);
        if (signIn.Failure == Auth.Core.Users.SignInFailure.Busy)
            return Users.TooManyAttempts.Json(signIn.RetryAfter);
        var tokens = PasswordGrant.Issue(scope.Value!, context, signIn);
        if (tokens.IsError)
            return OAuthResults.Error(tokens.Error!);

        await services.Tokens.CreateFamilyAsync(context.Client.Id, signIn.User!.Id, tokens.Value!);
        return OAuthResults.Tokens(tokens.Value!);
    }
}
