using Auth.Api.Hosting.OpenApi;
using System.Text.Json.Serialization;
using Auth.Api.Hosting;
using Auth.Api.EndSession;
using Auth.Api.Keys;
using Auth.Core.Jose;
using Auth.Api.Registration;
using Auth.Api.UserInfo;
using Auth.Core.Authorization;
using Auth.Core.OpenIdConnect;
using Auth.Core.OAuth;
using Auth.Core.Tokens;

namespace Auth.Api.Discovery;

public static class DiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/.well-known/oauth-authorization-server", Metadata)
            .WithTags(DocumentDescription.Discovery).WithSummary("Authorization server metadata (RFC 8414)").Produces<ServerMetadata>();
        routes.MapGet("/.well-known/openid-configuration", Metadata)
            .WithTags(DocumentDescription.Discovery).WithSummary("OpenID Provider metadata (OpenID Connect Discovery 1.0 §4)").Produces<ServerMetadata>();
        routes.MapGet("/.well-known/jwks.json", Jwks)
            .WithTags(DocumentDescription.Discovery).WithSummary("The public signing keys (RFC 7517)").Produces<JwksAnswer>();
        return routes;
    }

    /// <summary>
    /// Authorization server metadata (RFC 8414 §2), which is also the OpenID Provider metadata
    /// (OpenID Connect Discovery 1.0 §3: every REQUIRED and RECOMMENDED field). <c>scopes_supported</c>
    /// names the OpenID Connect scopes and those registered apps start with; a client may hold others.
    /// </summary>
    private static IResult Metadata(AuthSettings settings, RegistrationSettings registration, Dpop.FinancialGradeOptions financialGrade)
    {
        var issuer = settings.Issuer;
        return Results.Json(new ServerMetadata(
            Issuer: issuer,
            AuthorizationEndpoint: $"{issuer}/oauth/authorize",
            TokenEndpoint: $"{issuer}/oauth/token",
            JwksUri: $"{issuer}/.well-known/jwks.json",
            IntrospectionEndpoint: $"{issuer}/introspect",
            RevocationEndpoint: $"{issuer}/revoke",
            ResponseTypesSupported: ["code"],
            GrantTypesSupported: GrantTypes.All,
            TokenEndpointAuthMethodsSupported: ClientAuthMethods.All,
            IntrospectionEndpointAuthMethodsSupported: ConfidentialMethods,
            RevocationEndpointAuthMethodsSupported: ConfidentialMethods,
            CodeChallengeMethodsSupported: ["S256"],
            TokenEndpointAuthSigningAlgValuesSupported: AsymmetricJwk.Algorithms,
            AuthorizationResponseIssParameterSupported: true,
            IntrospectionEndpointAuthSigningAlgValuesSupported: AsymmetricJwk.Algorithms,
            RevocationEndpointAuthSigningAlgValuesSupported: AsymmetricJwk.Algorithms,
            PushedAuthorizationRequestEndpoint: $"{issuer}/oauth/par",
            RequirePushedAuthorizationRequests: financialGrade.RequirePushedAuthorizationRequests,
            DpopSigningAlgValuesSupported: AsymmetricJwk.Algorithms)
        {
            UserinfoEndpoint = $"{issuer}{UserInfoEndpoints.Path}",
            EndSessionEndpoint = $"{issuer}{EndSessionEndpoints.Path}",
            ScopesSupported = OidcScopes.All.Concat(registration.DefaultScopes).Distinct(StringComparer.Ordinal).ToArray(),
            ClaimsSupported = ScopeClaims.Supported,
        });
    }

    /// <summary>The methods of the endpoints only confidential clients call (RFC 7662 §2.1, RFC 7009 §2.1).</summary>
    private static readonly IReadOnlyList<string> ConfidentialMethods =
        [ClientAuthMethods.SecretBasic, ClientAuthMethods.SecretPost, ClientAuthMethods.PrivateKeyJwt];

    /// <summary>The public signing keys (RFC 7517 §5): the active one and every retired one still verifying live tokens.</summary>
    private static IResult Jwks(SigningKeyRing keys, HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Json(new { keys = keys.Published.Select(k => k.ToPublicJwk()) }, JwkJson.Options);
    }

    private sealed record ServerMetadata(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
        [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
        [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
        [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
        [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
        [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported,
        [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
        [property: JsonPropertyName("code_challenge_methods_supported")] IReadOnlyList<string> CodeChallengeMethodsSupported,
        [property: JsonPropertyName("token_endpoint_auth_signing_alg_values_supported"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<string>? TokenEndpointAuthSigningAlgValuesSupported,
        [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool AuthorizationResponseIssParameterSupported,
        [property: JsonPropertyName("introspection_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> IntrospectionEndpointAuthSigningAlgValuesSupported,
        [property: JsonPropertyName("revocation_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> RevocationEndpointAuthSigningAlgValuesSupported,
        [property: JsonPropertyName("pushed_authorization_request_endpoint")] string PushedAuthorizationRequestEndpoint,
        [property: JsonPropertyName("require_pushed_authorization_requests")] bool RequirePushedAuthorizationRequests,
        [property: JsonPropertyName("dpop_signing_alg_values_supported")] IReadOnlyList<string> DpopSigningAlgValuesSupported)
    {
        [JsonPropertyName("userinfo_endpoint")] public required string UserinfoEndpoint { get; init; }
        [JsonPropertyName("end_session_endpoint")] public required string EndSessionEndpoint { get; init; }
        [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }
        [JsonPropertyName("claims_supported")] public required IReadOnlyList<string> ClaimsSupported { get; init; }
        [JsonPropertyName("subject_types_supported")] public IReadOnlyList<string> SubjectTypesSupported { get; } = ["public"];
        [JsonPropertyName("id_token_signing_alg_values_supported")] public IReadOnlyList<string> IdTokenSigningAlgValuesSupported { get; } = ["RS256"];
        [JsonPropertyName("response_modes_supported")] public IReadOnlyList<string> ResponseModesSupported { get; } = ["query"];
        [JsonPropertyName("prompt_values_supported")] public IReadOnlyList<string> PromptValuesSupported { get; } = Prompts.Supported;
        // Note: Discovery 1.0 §3 makes request_uri_parameter_supported true when absent, so each is stated.
        [JsonPropertyName("claims_parameter_supported")] public bool ClaimsParameterSupported => false;
        [JsonPropertyName("request_parameter_supported")] public bool RequestParameterSupported => false;
        [JsonPropertyName("request_uri_parameter_supported")] public bool RequestUriParameterSupported => false;
    }
}

internal static class JwkJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };
}
