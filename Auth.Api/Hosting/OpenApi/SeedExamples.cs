namespace Auth.Api.Hosting.OpenApi;

/// <summary>
/// Examples for the OpenAPI document, taken from the seed documents (docs/seeds) with their values,
/// adjusted only where this service's contract differs (named in each summary).
/// </summary>
internal static class SeedExamples
{
    // 001: the registry's password grant with HTTP Basic client authentication (it capitalises Username and Password; both spellings work).
    public const string PasswordGrant = """{"grant_type": "password", "username": "service-user", "password": "service-password"}""";
    public const string PasswordTokens = """{"access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLiIsInR5cCI6ImF0K2p3dCJ9...", "token_type": "Bearer", "expires_in": 3600, "scope": "access"}""";

    // 000 ("Secret Post") and 003: a code exchanged with the client's credentials in the body.
    public const string CodeGrantSecretPost = """{"client_id": "your_client_id", "client_secret": "your_client_secret", "grant_type": "authorization_code", "code": "authorization_code_from_redirect", "redirect_uri": "https://my-app.com/callback", "code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}""";
    public const string CodeTokens = """{"access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLiIsInR5cCI6ImF0K2p3dCJ9...", "token_type": "Bearer", "expires_in": 14400, "scope": "profile history trade", "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA"}""";

    // 003: the refresh.
    public const string RefreshGrant = """{"client_id": "your_client_id", "client_secret": "your_client_secret", "grant_type": "refresh_token", "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA"}""";

    public const string InvalidGrant = """{"error": "invalid_grant", "error_description": "The refresh token is invalid, expired or revoked."}""";
    public const string InvalidClient = """{"error": "invalid_client", "error_description": "Client authentication failed."}""";
    public const string InvalidRequest = """{"error": "invalid_request", "error_description": "token is required."}""";

    // 000: introspection.
    public const string IntrospectRequest = """{"token": "your_access_token_here"}""";
    public const string IntrospectActive = """{"active": true, "iss": "your-authorization-server.com", "sub": "user_id", "aud": "your_client_id", "exp": 1678886400, "iat": 1678882800, "scope": "read write", "client_id": "your_client_id", "token_type": "Bearer"}""";
    public const string IntrospectInactive = """{"active": false}""";

    // 000: revocation.
    public const string RevokeRequest = """{"token": "your_token_to_revoke"}""";

    public const string ParRequest = """{"response_type": "code", "client_id": "your_client_id", "redirect_uri": "https://my-app.com/callback", "scope": "openid profile", "state": "xyz", "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256"}""";
    public const string ParAnswer = """{"request_uri": "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c", "expires_in": 60}""";

    // 002: the broker API.
    public const string BrokerClient = """{"client_id": "7a3c52a910e1dc2abbb14da2b6b8e711", "name": "TradingApp", "description": "Sample description", "url": "", "terms_of_use": "", "privacy_policy": "", "status": "ACTIVE", "redirect_uri": ["http://localhost"], "live_trading_approved": false}""";
    public const string BrokerRequest = """{"client_id": "7a3c52a910e1dc2abbb14da2b6b8e711", "client_secret": "your_client_secret", "redirect_uri": "http://localhost", "scope": "general", "account_id": "6a2f1e4c-6a0b-4e4e-9d7e-0f3c2b1a9d8e"}""";
    public const string BrokerCode = """{"code": "912b5502-c983-40f7-a01d-6a66f13a754d", "client_id": "7a3c52a910e1dc2abbb14da2b6b8e711", "redirect_uri": "http://localhost", "scope": "general"}""";
    public const string BrokerToken = """{"access_token": "87586f14-c3f4-4912-b107-f75bc17ff87a", "token_type": "Bearer", "scope": "general", "expires_in": 3600}""";
    public const string BrokerUnauthorized = """{"code": 401, "message": "Client does not exist, or the client secret is incorrect."}""";
    public const string BrokerUnprocessable = """{"code": 422, "message": "The redirect URI is not registered for this client."}""";

    // 000: registration.
    public const string Registration = """
        {"companyName": "Tiger Securities", "companyInfo": "A leading financial technology platform providing comprehensive investment services.",
         "homepageUrl": "https://www.tiger.com", "contactInfo": {"name": "John Doe", "phone": "+1234567890", "email": "john.doe@example.com"},
         "appCodeName": "my-trading-app", "appName": "My Trading App", "appDescription": "An application for seamless trading and portfolio management.",
         "appLogo": "https://example.com/logo.png", "redirectUris": ["https://my-app.com/callback"], "grantTypes": ["authorization_code", "refresh_token"],
         "responseTypes": ["code"], "authMethod": "Secret Basic"}
        """;
    public const string Registered = """
        {"clientId": "your_client_id", "clientSecret": "your_client_secret", "scopes": ["profile", "history", "trade"], "audiences": [],
         "publicKey": "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----", "status": "pending"}
        """;
    public const string ValidationFailed = """
        {"code": "VALIDATION_FAILED", "msg": "The request has invalid fields.", "data": null, "datetime": "2025-01-01T00:00:00.000Z",
         "ext": {"errors": {"appCodeName": ["appCodeName may contain only a-z, 0-9, '.' and '-'."], "contactInfo.email": ["contactInfo.email must be an email address."]}}}
        """;

    // 004: client administration.
    public const string ClientRequest = """
        {"clientId": "reporting-job", "clientName": "Reporting job", "clientAuthenticationMethods": ["client_secret_basic"],
         "authorizationGrantTypes": ["client_credentials"], "redirectUris": [], "postLogoutRedirectUris": [], "scopes": ["history"],
         "clientSettings": {}, "tokenSettings": {"settings.token.access-token-time-to-live": "PT4H"}, "description": "Nightly reports",
         "enabled": "true", "platform": "XCAN_TP", "source": "XCAN_USER_TOKEN", "bizTag": "reports", "tenantId": "t1", "tenantName": "Tenant one"}
        """;
    public const string NotFound = """{"code": "NOT_FOUND", "msg": "No client has this id.", "data": null, "datetime": "2025-01-01T00:00:00.000Z", "ext": {}}""";
    public const string Unauthorized = """{"code": "UNAUTHORIZED", "msg": "A valid bearer access token is required.", "data": null, "datetime": "2025-01-01T00:00:00.000Z", "ext": {}}""";
}
