namespace Auth.Api.Dpop;

/// <summary>
/// The <c>Auth:Dpop</c> and <c>Auth:Par</c> configuration: how old a DPoP proof may be, whether
/// server nonces are required (RFC 9449 §8), and how pushed authorization requests behave (RFC 9126).
/// </summary>
public sealed class FinancialGradeOptions
{
    /// <summary>How far a proof's <c>iat</c> may be from now, either way (RFC 9449 §11.1).</summary>
    public TimeSpan ProofWindow { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Every DPoP proof must carry a nonce this server issued (RFC 9449 §8).</summary>
    public bool RequireNonce { get; init; }
    /// <summary>How long an issued nonce is accepted.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a <c>request_uri</c> lives (RFC 9126 §2.2: <c>expires_in</c>).</summary>
    public TimeSpan RequestUriLifetime { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Every client must push its authorization requests (RFC 9126 §5).</summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    public static FinancialGradeOptions From(IConfiguration configuration)
    {
        var dpop = configuration.GetSection("Auth:Dpop");
        var par = configuration.GetSection("Auth:Par");
        return new FinancialGradeOptions
        {
            ProofWindow = TimeSpan.FromSeconds(dpop.GetValue("ProofWindowSeconds", 60)),
            RequireNonce = dpop.GetValue("RequireNonce", false),
            NonceLifetime = TimeSpan.FromSeconds(dpop.GetValue("NonceLifetimeSeconds", 300)),
            RequestUriLifetime = TimeSpan.FromSeconds(par.GetValue("RequestUriLifetimeSeconds", 60)),
            RequirePushedAuthorizationRequests = par.GetValue("Required", false),
        };
    }
}
