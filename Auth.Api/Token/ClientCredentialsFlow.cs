using Auth.Api.OAuth;
using Auth.Core.Grants;
using Auth.Core.OAuth;

namespace Auth.Api.Token;

/// <summary>client_credentials: nothing to load and nothing to store, so no database work beyond the client.</summary>
public static class ClientCredentialsFlow
{
    public static IResult Run(OAuthForm form, GrantContext context)
    {
        var outcome = ClientCredentialsGrant.Handle(form[Parameters.Scope], context);
        return outcome.IsError ? OAuthResults.Error(outcome.Error!) : OAuthResults.Tokens(outcome.Value!);
    }
}
