using Auth.Api.OAuth;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;

namespace Auth.Api.Token;

public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/oauth/token", Exchange).DisableAntiforgery();
        return routes;
    }

    /// <summary>
    /// The token endpoint (RFC 6749 §3.2): reads the form, authenticates the client, checks the
    /// client may use the grant, then hands the request to that grant's flow.
    /// </summary>
    private static async Task<IResult> Exchange(HttpContext http, [AsParameters] TokenServices services)
    {
        var form = await OAuthForm.ReadAsync(http.Request);
        if (form.IsError)
            return OAuthResults.Error(form.Error!);

        var grantType = form.Value![Parameters.GrantType];
        if (grantType is null)
            return OAuthResults.Error(OAuthError.InvalidRequest("grant_type is required."));
        if (!GrantTypes.All.Contains(grantType))
            return OAuthResults.Error(OAuthError.UnsupportedGrantType("This grant type is not supported."));

        var client = await services.ClientAuthentication.AuthenticateAsync(http.Request, form.Value);
        if (client.IsError)
            return OAuthResults.Error(client.Error!);

        // Reject grant types not registered for this client (RFC 6749 §5.2 unauthorized_client).
        if (!client.Value!.GrantTypes.Contains(grantType))
            return OAuthResults.Error(OAuthError.UnauthorizedClient("This client may not use this grant type."));

        // RFC 9449 §5: a proof binds the tokens to its key; the client's rules say whether one is required.
        var proof = await services.Dpop.ReadAsync(http.Request);
        if (proof.IsError)
            return services.Dpop.Refuse(http.Response, proof.Error!);
        if (FinancialGradeRules.CheckTokenRequest(client.Value, grantType, proof.Value) is { } refused)
            return OAuthResults.Error(refused);
        services.Dpop.OfferNonce(http.Response);

        var context = new GrantContext(client.Value, services.Settings.Issuer, services.Keys.Current, services.Clock.GetUtcNow(), proof.Value);
        var result = grantType switch
        {
            GrantTypes.AuthorizationCode => await AuthorizationCodeFlow.RunAsync(form.Value, context, services.Codes),
            GrantTypes.Password => await PasswordFlow.RunAsync(form.Value, context, services),
            GrantTypes.ClientCredentials => ClientCredentialsFlow.Run(form.Value, context),
            GrantTypes.RefreshToken => await RefreshTokenFlow.RunAsync(form.Value, context, services),
            _ => OAuthResults.Error(OAuthError.UnsupportedGrantType("This grant type is not supported.")),
        };
        if (result is OAuthResults.TokenAnswer)
            services.Metrics.TokenIssued(grantType, context.Client.Id);
        return result;
    }
}
