using Microsoft.OpenApi;

namespace Auth.Api.Hosting.OpenApi;

/// <summary>The document's own parts: title, how to authenticate, the security schemes and the tags.</summary>
internal static class DocumentDescription
{
    public const string OAuth = "OAuth 2.0";
    public const string OpenIdConnect = "OpenID Connect";
    public const string Discovery = "Discovery";
    public const string Resource = "Resource";
    public const string Broker = "Broker";
    public const string Registration = "AppRegistration";
    public const string ClientAdmin = "AuthClient";
    public const string SignInPages = "Sign-in pages";
    public const string Console = "Operators' console";
    public const string Account = "Account";
    public const string Demo = "Demo";
    public const string ConsoleCookie = "console_session";
    public const string AccountCookie = "browser_session";

    private static readonly (string Name, string Description)[] Tags =
    [
        (OAuth, "The token, pushed authorization, introspection and revocation endpoints (RFC 6749, 9126, 7662, 7009). Errors are `{error, error_description}` (RFC 6749 §5.2)."),
        (OpenIdConnect, "UserInfo and RP-initiated logout (OpenID Connect Core 1.0 §5.3, RP-Initiated Logout 1.0)."),
        (Discovery, "Authorization server metadata (RFC 8414, OpenID Connect Discovery 1.0) and the JWKS (RFC 7517)."),
        (Resource, "A bearer-protected resource (document 001): a bad token gets `401` with `WWW-Authenticate: Bearer error=\"invalid_token\"` (RFC 6750 §3.1)."),
        (Broker, "The broker API of document 002: codes and tokens for accounts the broker signed in itself. Errors are `{code, message}`. Needs a token with scope `broker`."),
        (Registration, "Third-party app registration (document 000) and its approval. Errors are the envelope `{code, msg, data, datetime, ext}`."),
        (ClientAdmin, "Client administration (document 004). Every answer is the envelope `{code, msg, data, datetime, ext}`. Needs a token with scope `admin`."),
        (SignInPages, "The authorization endpoint and its HTML sign-in and consent pages, for browsers (RFC 6749 §4.1, RFC 7636, RFC 9207)."),
        (Console, "The operators' console: HTML pages for users holding the `operator` role."),
        (Account, "A signed-in user's connected apps: HTML pages."),
        (Demo, "The `dev` command's demo callback page, which shows the code it received."),
    ];

    private const string Introduction = """
        An OAuth 2.0 authorization server on PostgreSQL: RS256 JWT access tokens (RFC 9068), the
        authorization_code (PKCE), refresh_token, password and client_credentials grants, introspection,
        revocation, OpenID Connect, PAR and DPoP.

        **Client authentication** (RFC 6749 §2.3) on `/oauth/token`, `/oauth/par`, `/introspect` and `/revoke`:
        `client_secret_basic` (HTTP Basic, the `basic` scheme), `client_secret_post` (`client_id` and
        `client_secret` in the form body), `private_key_jwt` (`client_assertion_type` and `client_assertion`
        in the form, RFC 7523), or `none` (a public client sends only `client_id`). OpenAPI has no scheme
        type for credentials in a body, so these routes list Basic or no scheme, and their form schemas hold
        the fields. A client may use only the methods registered for it; bad credentials get
        `401 invalid_client`. Credentials in the query string are refused (RFC 6749 §2.3.1).

        **Access tokens** go in `Authorization: Bearer` (or `Authorization: DPoP` with a `DPoP` proof for a
        DPoP-bound token, RFC 9449).
        """;

    public static void Apply(OpenApiDocument document, string issuer)
    {
        document.Info.Title = "Auth: OAuth 2.0 token service";
        document.Info.Description = Introduction;
        document.Servers = [new OpenApiServer { Url = issuer, Description = "This instance's issuer (Auth:Issuer)." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OpenApiSetup.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "An access token of this service (RFC 6750); the admin API needs scope admin, the broker API scope broker.",
            },
            [OpenApiSetup.DpopScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "DPoP",
                Description = "A DPoP-bound access token with a DPoP proof header (RFC 9449 §7).",
            },
            [OpenApiSetup.BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "basic",
                Description = "client_secret_basic: client_id and client_secret, each form-urlencoded, as HTTP Basic (RFC 6749 §2.3.1). The alternative, client_secret_post, puts them in the form body.",
            },
            [ConsoleCookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = OperatorConsole.ConsoleSession.CookieName,
                Description = "The console's session cookie, set by POST /console/sign-in.",
            },
            [AccountCookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = Authorize.SignInCookie.Name,
                Description = "The browser's sign-in session cookie, set by the sign-in pages.",
            },
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
