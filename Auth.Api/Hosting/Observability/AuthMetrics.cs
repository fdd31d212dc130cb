using System.Diagnostics.Metrics;

namespace Auth.Api.Hosting.Observability;

/// <summary>The service's own counters (meter <c>Auth</c>), exported with ASP.NET Core's and Npgsql's.</summary>
public sealed class AuthMetrics
{
    public const string MeterName = "Auth";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _oauthErrors;
    private readonly Counter<long> _introspections;
    private readonly Counter<long> _refreshReuse;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _unlocks;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _passwordRateLimited;
    private readonly Counter<long> _databaseUnavailable;

    public AuthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("auth.tokens.issued", "{token}", "Access tokens issued, by grant and client.");
        _oauthErrors = meter.CreateCounter<long>("auth.oauth.errors", "{error}", "OAuth error answers, by RFC 6749 error code and endpoint.");
        _introspections = meter.CreateCounter<long>("auth.introspections", "{request}", "Introspection answers, by active or not.");
        _refreshReuse = meter.CreateCounter<long>("auth.refresh.reuse_detected", "{event}", "Rotated refresh tokens presented again (family revoked).");
        _lockouts = meter.CreateCounter<long>("auth.lockouts", "{event}", "Failed sign-ins that locked a source (counter=source) or slowed a username down (counter=account).");
        _unlocks = meter.CreateCounter<long>("auth.unlocks", "{event}", "Locked sign-in sources whose lock ended.");
        _signInFailures = meter.CreateCounter<long>("auth.sign_in.failures", "{event}", "Failed password checks, by surface (grant or page).");
        _passwordRateLimited = meter.CreateCounter<long>("auth.password.rate_limited", "{request}", "Password checks refused with 429, by reason.");
        _databaseUnavailable = meter.CreateCounter<long>("auth.database.unavailable", "{request}",
            "Requests answered 503 because the database was unreachable or failing over, by answer shape.");
    }

    public void TokenIssued(string grantType, string clientId) =>
        _tokensIssued.Add(1, new("grant_type", grantType), new("client_id", clientId));

    public void OAuthError(string code, string endpoint) =>
        _oauthErrors.Add(1, new("error", code), new("endpoint", endpoint));

    public void Introspected(bool active) => _introspections.Add(1, new KeyValuePair<string, object?>("active", active));

    public void RefreshReuseDetected() => _refreshReuse.Add(1);

    public void LockedOut(string counter) => _lockouts.Add(1, new KeyValuePair<string, object?>("counter", counter));

    public void Unlocked() => _unlocks.Add(1);

    public void SignInFailed(string surface) => _signInFailures.Add(1, new KeyValuePair<string, object?>("surface", surface));

    public void PasswordRateLimited(string reason) => _passwordRateLimited.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void DatabaseUnavailable(string shape) => _databaseUnavailable.Add(1, new KeyValuePair<string, object?>("shape", shape.ToLowerInvariant()));
}
