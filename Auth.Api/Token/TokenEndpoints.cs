using Auth.Api.OAuth;
using Auth.Api.Hosting.OpenApi;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;

namespace Auth.Api.Token;

public static class TokenEndpoints
{
    private static readonly AuthorizationCodeGrant AuthorizationCode = new();
    private static readonly PasswordGrant Password = new();
    private static readonly ClientCredentialsGrant ClientCredentials = new();
    private static readonly RefreshTokenGrant RefreshToken = new();

    private static readonly OAuthError Reused = OAuthError.InvalidGrant("The refresh token is invalid, expired or revoked.");
    private static readonly OAuthError Replayed = OAuthError.InvalidGrant("The authorization code is invalid, expired or was issued to another client.");

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/oauth/token", Exchange).DisableAntiforgery()
            .WithTags(DocumentDescription.OAuth).WithSummary("Exchange a grant for tokens (RFC 6749 §3.2)")
            .WithDescription("Grants: authorization_code (single use, PKCE S256), refresh_token (rotated; a rotated one revokes its family), password, client_credentials (no refresh token). `Cache-Control: no-store`. 429 with `Retry-After` when password checks are rate-limited.")
            .ClientAuthenticated().FormBody<TokenForm>()
            .Header("DPoP", "A DPoP proof (RFC 9449 §4): the tokens are bound to its key and token_type is DPoP.")
            .Produces<OAuthResults.TokenBody>()
            .ProducesOAuthErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .RequestExample("password", "Password grant, client in HTTP Basic (document 001)", SeedExamples.PasswordGrant)
            .RequestExample("authorization_code", "Code grant, client_secret_post (documents 000, 003)", SeedExamples.CodeGrantSecretPost)
            .RequestExample("refresh_token", "Refresh (document 003)", SeedExamples.RefreshGrant)
            .ResponseExample(StatusCodes.Status200OK, "password", "Password grant (document 001)", SeedExamples.PasswordTokens)
            .ResponseExample(StatusCodes.Status200OK, "authorization_code", "Code grant: 4-hour user token and a refresh token (document 003)", SeedExamples.CodeTokens)
            .ResponseExample(StatusCodes.Status400BadRequest, "invalid_grant", "A spent, expired or revoked refresh token", SeedExamples.InvalidGrant)
            .ResponseExample(StatusCodes.Status401Unauthorized, "invalid_client", "Bad client credentials (WWW-Authenticate: Basic)", SeedExamples.InvalidClient);
        return routes;
    }

    /// <summary>
    /// The token endpoint (RFC 6749 §3.2): reads the form, authenticates the client, checks the
    /// client may use the grant, then for every grant alike: precheck, load state, decide, write.
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
        var request = GrantRequestOf(form.Value);
        var outcome = grantType switch
        {
            GrantTypes.AuthorizationCode => await RunAsync(AuthorizationCode, request, context, services,
                () => services.Codes.FindAsync(SecretHasher.Hash(request.Code!))),
            GrantTypes.Password => await RunAsync(Password, request, context, services,
                () => services.PasswordSignIn.CheckGrantAsync(context.Client.Id, request.Username!, request.Password!, context.Now)),
            GrantTypes.ClientCredentials => await RunAsync(ClientCredentials, request, context, services,
                () => Task.FromResult(new NoState())),
            GrantTypes.RefreshToken => await RunAsync(RefreshToken, request, context, services,
                () => services.TokenState.FindRefreshTokenAsync(SecretHasher.Hash(request.RefreshToken!))),
            _ => OAuthError.UnsupportedGrantType("This grant type is not supported."),
        };
        if (outcome.IsError)
            return outcome.Error == PasswordGrant.TooManyAttempts ? Users.TooManyAttempts.Json(null) : OAuthResults.Error(outcome.Error!);
        services.Metrics.TokenIssued(grantType, context.Client.Id);
        return OAuthResults.Tokens(outcome.Value!);
    }

    /// <summary>The one path of every grant: reject what needs no state, load the state, decide, apply the writes.</summary>
    private static async Task<Outcome<IssuedTokens>> RunAsync<TState>(
        IGrant<TState> grant, GrantRequest request, GrantContext context, TokenServices services, Func<Task<TState>> load)
    {
        if (grant.Precheck(request, context) is { } rejected)
            return rejected;

        var decision = grant.Decide(request, await load(), context);
        var applied = await services.TokenState.ApplyAsync(decision, context.Client.Id, context.Now);

        if (decision.Write is TokenWrite.RevokeFamily { Kind: ReuseKind.RefreshToken } revoke)
            ReuseDetected(services, context.Client.Id, revoke.FamilyId);
        if (applied)
            return decision.Tokens;

        // Note: another request consumed the code or token between our read and our write; one secret, two users: a reuse.
        if (decision.Write is TokenWrite.Rotate)
        {
            ReuseDetected(services, context.Client.Id, decision.Tokens.Value!.FamilyId!.Value);
            return Reused;
        }
        return Replayed;
    }

    private static void ReuseDetected(TokenServices services, string clientId, Guid familyId)
    {
        // RFC 9700 §4.14.2: a rotated refresh token used again means it leaked; the whole family was ended.
        services.Metrics.RefreshReuseDetected();
        services.Logger.LogWarning("Refresh token reuse by client {ClientId}: revoked token family {FamilyId}", clientId, familyId);
    }

    private static GrantRequest GrantRequestOf(OAuthForm form) => new()
    {
        Scope = form[Parameters.Scope],
        Code = form[Parameters.Code],
        RedirectUri = form[Parameters.RedirectUri],
        CodeVerifier = form[Parameters.CodeVerifier],
        RefreshToken = form[Parameters.RefreshToken],
        Username = form[Parameters.Username],
        Password = form[Parameters.Password],
    };
}
