using Auth.Tests.Infrastructure;

namespace Auth.Tests.Registration;

/// <summary>The service with a registration limit no test class reaches, and fixed default scopes.</summary>
public sealed class RegistrationApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Auth:Registration:RateLimit:PermitLimit", "1000"),
        new("Auth:Registration:DefaultScopes:0", "read:portfolio"),
        new("Auth:Registration:DefaultScopes:1", "trade"),
        new("Auth:Registration:DefaultAudiences:0", "api.example"),
    ];
}

/// <summary>The service allowing two registrations per address per hour.</summary>
public sealed class LimitedRegistrationApp : AuthApp
{
    public const int Limit = 2;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Auth:Registration:RateLimit:PermitLimit", Limit.ToString()),
        new("Auth:Registration:RateLimit:WindowSeconds", "3600"),
    ];
}
