using System.Security.Claims;
using System.Text.Encodings.Web;
using Auth.Core.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Auth.Api.Bearer;

/// <summary>
/// Bearer tokens (RFC 6750) for our own resource endpoints. A request without a token gets a
/// bare <c>Bearer</c> challenge; a bad one gets <c>error="invalid_token"</c> with a description
/// saying whether it expired or was revoked (RFC 6750 §3.1).
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string FailureItem = "bearer.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var verification = await verifier.VerifyAsync(header["Bearer ".Length..].Trim());
        var failure = verification.State switch
        {
            AccessTokenState.Active => null,
            AccessTokenState.Expired => "The access token expired",
            AccessTokenState.Revoked => "The access token was revoked",
            _ => "The access token is invalid",
        };
        if (failure is not null)
        {
            Context.Items[FailureItem] = failure;
            return AuthenticateResult.Fail(failure);
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
        Response.Headers.WWWAuthenticate = Context.Items[FailureItem] is string failure
            ? $"Bearer error=\"invalid_token\", error_description=\"{failure}\""
            : "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return Task.CompletedTask;
    }
}
