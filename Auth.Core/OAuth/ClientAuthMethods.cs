namespace Auth.Core.OAuth;

/// <summary>Token endpoint authentication methods (RFC 7591 §2).</summary>
public static class ClientAuthMethods
{
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";
    public const string None = "none";
    /// <summary>A JWT signed with the client's private key (RFC 7523 §2.2, OpenID Connect Core §9).</summary>
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> All = [SecretBasic, SecretPost, None, PrivateKeyJwt];
}
