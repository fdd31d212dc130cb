using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Core.Scopes;
using Auth.Core.Users;

namespace Auth.Core.Grants;

/// <summary>
/// The resource owner password credentials grant (RFC 6749 §4.3). The scope is checked before
/// the password (a bad one costs no hash and counts no failure); the state is the result of the
/// shared password check. Wrong credentials and a locked account are <c>invalid_grant</c>
/// (§5.2); the description says when the account is locked but never whether the username or
/// the password was wrong.
/// </summary>
public sealed class PasswordGrant : IGrant<SignInResult>
{
    private static readonly OAuthError BadCredentials = OAuthError.InvalidGrant("Invalid username or password.");
    private static readonly OAuthError Locked = OAuthError.InvalidGrant("Too many failed sign-in attempts: the account is locked for now. Try again later.");
    /// <summary>Too many password checks at once (per address or the hashing cap): Api answers it 429 with Retry-After.</summary>
    public static readonly OAuthError TooManyAttempts = new(OAuthErrors.TemporarilyUnavailable, "Too many password attempts right now. Retry later.");

    public OAuthError? Precheck(GrantRequest request, GrantContext context)
    {
        // Reject a request without the credentials (RFC 6749 §4.3.2: both REQUIRED).
        if (request.Username is null || request.Password is null)
            return OAuthError.InvalidRequest("username and password are required.");
        return ScopePolicy.Grant(request.Scope, context.Client.Scopes).Error;
    }

    public GrantDecision Decide(GrantRequest request, SignInResult signIn, GrantContext context)
    {
        if (signIn.Failure is { } failure)
            return failure switch { SignInFailure.Locked => Locked, SignInFailure.Busy => TooManyAttempts, _ => BadCredentials };

        var user = signIn.User!;
        var scope = ScopePolicy.Grant(request.Scope, context.Client.Scopes).Value!;
        // As OpenIddict does: the password grant with openid answers an ID token too.
        var tokens = TokenMinting.MintNewFamily(context, user.Id, user.Username, scope).WithIdToken(context, user.Id.ToString(), context.Now);
        return new GrantDecision(tokens,
            new TokenWrite.CreateFamily(user.Id, BrokerClientId: null));
    }
}
