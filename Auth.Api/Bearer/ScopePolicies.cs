namespace Auth.Api.Bearer;

/// <summary>Scope policies for endpoints protected by our own access tokens (registered by <see cref="BearerSetup"/>).</summary>
public static class ScopePolicies
{
    public const string Admin = "scope:admin";
    public const string Broker = "scope:broker";
    public const string OpenId = "scope:openid";
}
