using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Api.OAuth;
using Auth.Api.Hosting.Observability;
using Auth.Data.Codes;
using Auth.Data.Tokens;

namespace Auth.Api.Token;

/// <summary>What the token endpoint's grants need, bound with [AsParameters].</summary>
public sealed record TokenServices(
    ClientAuthentication ClientAuthentication,
    SigningKeyRing Keys,
    AuthSettings Settings,
    TimeProvider Clock,
    TokenStateStore TokenState,
    AuthorizationCodeStore Codes,
    Users.PasswordSignIn PasswordSignIn,
    AuthMetrics Metrics,
    Dpop.DpopProofReader Dpop,
    ILogger<TokenServices> Logger);
