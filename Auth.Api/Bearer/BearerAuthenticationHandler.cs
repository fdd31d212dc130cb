using System.Security.Claims;
using System.Text.Encodings.Web;
using Auth.Api.Dpop;
using Auth.Core.Dpop;
using Auth.Core.Jose;
using Auth.Core.OAuth;
using Auth.Core.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Auth.Api.Bearer;

/// <summary>
/// Bearer tokens (RFC 6750) for our own resource endpoints. A request without a token gets a
/// bare <c>Bearer</c> challenge; a bad one gets <c>error="invalid_token"</c> with a description
/// saying whether it expired or was revoked (RFC 6750 §3.1). DPoP-bound tokens (RFC 9449 §7) come
/// with the <c>DPoP</c> scheme and a proof, and are refused as <c>Bearer</c>.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenVerifier verifier,
    ResourceDpopCheck dpop)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string FailureItem = "bearer.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var scheme = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SchemeName
            : header.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase) ? DpopErrors.TokenType
            : null;
        if (scheme is null)
            return AuthenticateResult.NoResult();

        var token = header[(scheme.Length + 1)..].Trim();
        var verification = await verifier.VerifyAsync(token);
        var failure = verification.State switch
        {
            AccessTokenState.Active => null,
            AccessTokenState.Expired => "The access token expired",
            AccessTokenState.Revoked => "The access token was revoked",
            _ => "The access token is invalid",
        };
        var refusal = failure is null
            ? await dpop.CheckAsync(Request, scheme, token, verification.Token!)
            : new ResourceRefusal(scheme, OAuthErrors.InvalidToken, failure);
        if (refusal is not null)
        {
            Context.Items[FailureItem] = refusal;
            return AuthenticateResult.Fail(refusal.Description);
        }

        var jwt = verification.Token!;
        var claims = new List<Claim>
        {
            new(ClaimNames.Subject, jwt.Subject),
            new(ClaimNames.ClientId, jwt.GetPayloadValue<string>(ClaimNames.ClientId)),
            new(ClaimNames.JwtId, jwt.Id),
        };
        if (jwt.TryGetPayloadValue<string>(ClaimNames.Username, out var username))
            claims.Add(new Claim(ClaimNames.Username, username));
        if (jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var sid))
            claims.Add(new Claim(ClaimNames.SessionId, sid));
        if (jwt.TryGetPayloadValue<string>(ClaimNames.Scope, out var scope))
            claims.AddRange(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ClaimNames.Scope, s)));

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimNames.Subject, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (Context.Items[FailureItem] is not ResourceRefusal refusal)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }
        // RFC 9449 §7.1: a DPoP challenge names the algorithms we accept; §8.2: and asks for a nonce with one.
        var algs = refusal.Scheme == DpopErrors.TokenType ? $", algs=\"{string.Join(' ', AsymmetricJwk.Algorithms)}\"" : "";
        Response.Headers.WWWAuthenticate = $"{refusal.Scheme} error=\"{refusal.Error}\", error_description=\"{refusal.Description}\"{algs}";
        if (refusal.Error == DpopErrors.UseDpopNonce)
            Response.Headers[DpopErrors.NonceHeader] = Context.RequestServices.GetRequiredService<DpopNonces>().Current();
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return Task.CompletedTask;
    }
}
