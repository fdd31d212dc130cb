using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;

namespace Auth.Core.Tests.Authorization;

/// <summary>Which authorization requests are shown an error page, redirected with an error, or accepted (RFC 6749 §4.1.2.1).</summary>
public sealed class AuthorizationRequestValidatorTests
{
    private const string Redirect = "https://app.example/cb";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static Client App(bool isPublic = false) => new()
    {
        Id = "app", Name = "App", GrantTypes = [GrantTypes.AuthorizationCode], RedirectUris = [Redirect], Scopes = ["profile", "trade"],
        AuthMethods = isPublic ? [ClientAuthMethods.None] : [ClientAuthMethods.SecretBasic],
    };

    private static AuthorizationParameters Params(
        string? redirectUri = Redirect, string? responseType = "code", string? scope = null, string? challenge = null,
        string? method = null, params string[] repeated) =>
        new("app", redirectUri, responseType, scope, "xyz", challenge, method, repeated);

    [Fact]
    public void Validate_WellFormedRequest_IsValidWithEveryScopeOfTheClient()
    {
        var check = AuthorizationRequestValidator.Validate(Params(), App());
        Assert.Equal("profile trade", check.Request!.Scope);
        Assert.Equal("xyz", check.State);
    }

    [Fact]
    public void Validate_UnregisteredRedirectUri_IsShownOnAPageNeverRedirected()
    {
        var check = AuthorizationRequestValidator.Validate(Params(redirectUri: "https://evil.example/cb"), App());
        Assert.NotNull(check.PageError);
        Assert.Null(check.RedirectUri);
    }

    [Fact]
    public void Validate_UnknownClient_IsShownOnAPage() =>
        Assert.NotNull(AuthorizationRequestValidator.Validate(Params(), null).PageError);

    [Fact]
    public void Validate_RepeatedRedirectUri_IsShownOnAPage() =>
        Assert.NotNull(AuthorizationRequestValidator.Validate(Params(repeated: Parameters.RedirectUri), App()).PageError);

    [Fact]
    public void Validate_ImplicitResponseType_IsRedirectedAsUnsupported() =>
        Assert.Equal(OAuthErrors.UnsupportedResponseType, AuthorizationRequestValidator.Validate(Params(responseType: "token"), App()).RedirectError?.Code);

    [Fact]
    public void Validate_ScopeOutsideTheClients_IsRedirectedAsInvalidScope() =>
        Assert.Equal(OAuthErrors.InvalidScope, AuthorizationRequestValidator.Validate(Params(scope: "admin"), App()).RedirectError?.Code);

    [Fact]
    public void Validate_PlainPkce_IsRedirectedAsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, AuthorizationRequestValidator.Validate(Params(challenge: Challenge, method: "plain"), App()).RedirectError?.Code);

    [Fact]
    public void Validate_PublicClientWithoutPkce_IsRedirectedAsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, AuthorizationRequestValidator.Validate(Params(), App(isPublic: true)).RedirectError?.Code);

    [Fact]
    public void Validate_PublicClientWithS256_IsValid() =>
        Assert.NotNull(AuthorizationRequestValidator.Validate(Params(challenge: Challenge, method: Pkce.S256), App(isPublic: true)).Request);
}
