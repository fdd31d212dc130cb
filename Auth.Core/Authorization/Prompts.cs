namespace Auth.Core.Authorization;

/// <summary>The <c>prompt</c> values served (OpenID Connect Core §3.1.2.1), as node-oidc-provider serves them.</summary>
public static class Prompts
{
    public const string None = "none";
    public const string Login = "login";
    public const string Consent = "consent";

    public static readonly IReadOnlyList<string> Supported = [None, Login, Consent];
}
