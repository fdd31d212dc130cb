using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>Answers whose endpoints write dictionaries or anonymous objects, described for the OpenAPI document.</summary>
[Description("RFC 7662 §2.2: {\"active\": false} for anything unknown, expired, revoked or not visible to the caller; else the token's claims except jti.")]
public sealed class IntrospectionAnswer
{
    [JsonPropertyName("active")] public bool Active { get; init; }
    [JsonPropertyName("scope")] public string? Scope { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("token_type"), Description("Bearer, DPoP or refresh_token.")] public string? TokenType { get; init; }
    [JsonPropertyName("exp")] public long? Exp { get; init; }
    [JsonPropertyName("iat")] public long? Iat { get; init; }
    [JsonPropertyName("nbf")] public long? Nbf { get; init; }
    [JsonPropertyName("sub")] public string? Sub { get; init; }
    [JsonPropertyName("aud"), Description("A string or an array of strings.")] public object? Aud { get; init; }
    [JsonPropertyName("iss")] public string? Iss { get; init; }
}

[Description("A JSON Web Key Set (RFC 7517 §5): the current signing key and every retired key that may still verify a live token.")]
public sealed class JwksAnswer
{
    [JsonPropertyName("keys")] public IReadOnlyList<PublicJwk> Keys { get; init; } = [];
}

[Description("An RSA public key (RFC 7517 §4, RFC 7518 §6.3.1).")]
public sealed class PublicJwk
{
    [JsonPropertyName("kty")] public string Kty { get; init; } = "RSA";
    [JsonPropertyName("use")] public string Use { get; init; } = "sig";
    [JsonPropertyName("alg")] public string Alg { get; init; } = "RS256";
    [JsonPropertyName("kid")] public string Kid { get; init; } = "";
    [JsonPropertyName("n")] public string N { get; init; } = "";
    [JsonPropertyName("e")] public string E { get; init; } = "";
}

[Description("OpenID Connect Core §5.3.2: sub, and the claims the token's scopes release (profile, email).")]
public sealed class UserInfoAnswer
{
    [JsonPropertyName("sub")] public string Sub { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("preferred_username")] public string? PreferredUsername { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("updated_at")] public long? UpdatedAt { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("email_verified")] public bool? EmailVerified { get; init; }
}

[Description("The registry document's ping (001): the token works.")]
public sealed class PingAnswer
{
    [JsonPropertyName("status")] public string Status { get; init; } = "ok";
    [JsonPropertyName("sub")] public string? Sub { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }
}
