using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.OpenIdConnect;
using Auth.Core.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Tests.OpenIdConnect;

/// <summary>The pure OpenID Connect rules: ID tokens, claims by scope, the authorization steps, sign-out requests.</summary>
public sealed class OpenIdConnectRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SigningKey Key = SigningKey.Generate();
    private const string Issuer = "https://issuer.example";

    private static readonly Client App = new()
    {
        Id = "app",
        Name = "App",
        GrantTypes = [GrantTypes.AuthorizationCode],
        RedirectUris = ["https://app.example/cb"],
        PostLogoutRedirectUris = ["https://app.example/signed-out"],
        Scopes = ["openid", "profile", "email"],
    };

    private static IdTokenClaims Claims(string? nonce = "n-0S6_WzA2Mj") => new()
    {
        Issuer = Issuer,
        Subject = "2b1c2f5e-0000-4000-8000-000000000001",
        ClientId = "app",
        IssuedAt = Now,
        ExpiresAt = Now + IdTokenFactory.Lifetime,
        AuthTime = Now.AddMinutes(-3),
        AccessToken = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
        Nonce = nonce,
    };

    [Fact]
    public void AccessTokenHash_CoreSpecExample_Matches()
    {
        // OpenID Connect Core 1.0 Appendix A.3: the at_hash of this access token.
        Assert.Equal("77QmUPtjPfzWtF2AnpK9RQ", IdTokenFactory.AccessTokenHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"));
    }

    [Fact]
    public async Task IdToken_CarriesTheClaimsOfCoreSection2_AndVerifiesWithTheKey()
    {
        var token = IdTokenFactory.Create(Claims(), Key);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer, ValidAudience = "app", IssuerSigningKey = Key.SecurityKey, ValidateLifetime = false,
            ValidTypes = [OidcClaimNames.IdTokenType],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(token);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(Key.Kid, jwt.Kid);
        Assert.Equal("2b1c2f5e-0000-4000-8000-000000000001", jwt.Subject);
        Assert.Equal(["app"], jwt.Audiences);
        Assert.Equal("app", jwt.GetPayloadValue<string>(OidcClaimNames.AuthorizedParty));
        Assert.Equal("n-0S6_WzA2Mj", jwt.GetPayloadValue<string>(OidcClaimNames.Nonce));
        Assert.Equal("77QmUPtjPfzWtF2AnpK9RQ", jwt.GetPayloadValue<string>(OidcClaimNames.AccessTokenHash));
        Assert.Equal(Now.AddMinutes(-3).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>(OidcClaimNames.AuthTime));
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>(ClaimNames.IssuedAt));
        Assert.Equal((Now + IdTokenFactory.Lifetime).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>(ClaimNames.Expires));
    }

    [Fact]
    public void IdToken_WithoutNonce_HasNoNonceClaim()
    {
        var jwt = new JsonWebToken(IdTokenFactory.Create(Claims(nonce: null), Key));

        Assert.False(jwt.TryGetPayloadValue<string>(OidcClaimNames.Nonce, out _));
    }

    private static readonly UserProfile Alice = new(Guid.NewGuid(), "alice", "Alice Liddell", "Alice", null, "alice@example.com", true, Now.AddDays(-1));

    [Fact]
    public void ScopeClaims_Profile_GivesNamePreferredUsernameUpdatedAtAndTheNamePartsSet()
    {
        var claims = ScopeClaims.For(Alice, "openid profile");

        Assert.Equal(Alice.Id.ToString(), claims[ClaimNames.Subject]);
        Assert.Equal("Alice Liddell", claims[OidcClaimNames.Name]);
        Assert.Equal("alice", claims[OidcClaimNames.PreferredUsername]);
        Assert.Equal("Alice", claims[OidcClaimNames.GivenName]);
        Assert.False(claims.ContainsKey(OidcClaimNames.FamilyName));
        Assert.Equal(Now.AddDays(-1).ToUnixTimeSeconds(), claims[OidcClaimNames.UpdatedAt]);
        Assert.False(claims.ContainsKey(OidcClaimNames.Email));
    }

    [Fact]
    public void ScopeClaims_Email_GivesEmailAndVerified_AndOpenIdAloneOnlySub()
    {
        var email = ScopeClaims.For(Alice, "openid email");
        Assert.Equal("alice@example.com", email[OidcClaimNames.Email]);
        Assert.Equal(true, email[OidcClaimNames.EmailVerified]);
        Assert.False(email.ContainsKey(OidcClaimNames.Name));

        Assert.Equal([ClaimNames.Subject], ScopeClaims.For(Alice, "openid").Keys);
        Assert.False(ScopeClaims.For(Alice with { Email = null }, "email").ContainsKey(OidcClaimNames.EmailVerified));
    }

    [Fact]
    public void ScopeClaims_ProfileWithoutName_NamesTheUserByUsername()
    {
        Assert.Equal("alice", ScopeClaims.For(Alice with { Name = null }, "profile")[OidcClaimNames.Name]);
    }

    private static AuthorizationCheck Validate(string? prompt = null, string? maxAge = null, string? nonce = null) =>
        AuthorizationRequestValidator.Validate(new AuthorizationParameters("app", "https://app.example/cb", "code", "openid profile", "st", null, null, [])
        {
            Prompt = prompt,
            MaxAge = maxAge,
            Nonce = nonce,
        }, App with { AuthMethods = [ClientAuthMethods.SecretBasic] });

    [Theory]
    [InlineData("none login")]
    [InlineData("select_account")]
    [InlineData("bogus")]
    public void Validate_BadPrompt_RedirectsInvalidRequest(string prompt)
    {
        Assert.Equal(OAuthErrors.InvalidRequest, Validate(prompt: prompt).RedirectError?.Code);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Validate_BadMaxAge_RedirectsInvalidRequest(string maxAge)
    {
        Assert.Equal(OAuthErrors.InvalidRequest, Validate(maxAge: maxAge).RedirectError?.Code);
    }

    [Fact]
    public void Validate_OpenIdParameters_AreCarriedOnTheRequest()
    {
        var request = Validate(prompt: "login consent", maxAge: "60", nonce: "abc").Request!;

        Assert.Equal("abc", request.Nonce);
        Assert.Equal(TimeSpan.FromSeconds(60), request.MaxAge);
        Assert.True(request.Prompts.SetEquals(["login", "consent"]));
    }

    private static readonly SignedInSession Session = new(Guid.NewGuid(), "alice", Now.AddMinutes(-10));

    private static AuthorizationRequest Request(string? prompt = null, int? maxAge = null, string scope = "openid profile") =>
        Validate(prompt: prompt, maxAge: maxAge?.ToString()).Request! with { Scope = scope };

    [Fact]
    public void Step_NoSession_SignsIn_ButPromptNone_IsLoginRequired()
    {
        Assert.Equal(AuthorizationStepKind.SignIn, AuthorizationStep.Next(Request(), null, null, Now).Kind);
        Assert.Equal(OAuthErrors.LoginRequired, AuthorizationStep.Next(Request("none"), null, null, Now).Error?.Code);
    }

    [Fact]
    public void Step_PromptLoginOrSessionOlderThanMaxAge_SignsInAgain()
    {
        Assert.Equal(AuthorizationStepKind.SignIn, AuthorizationStep.Next(Request("login"), Session, ["openid", "profile"], Now).Kind);
        Assert.Equal(AuthorizationStepKind.SignIn, AuthorizationStep.Next(Request(maxAge: 599), Session, ["openid", "profile"], Now).Kind);
        Assert.Equal(AuthorizationStepKind.IssueCode, AuthorizationStep.Next(Request(maxAge: 600), Session, ["openid", "profile"], Now).Kind);
    }

    [Fact]
    public void Step_RememberedConsent_CoversOnlyItsScopes()
    {
        string[] remembered = ["openid", "profile"];
        Assert.Equal(AuthorizationStepKind.IssueCode, AuthorizationStep.Next(Request(), Session, remembered, Now).Kind);
        Assert.Equal(AuthorizationStepKind.Consent, AuthorizationStep.Next(Request(scope: "openid profile email"), Session, remembered, Now).Kind);
        Assert.Equal(AuthorizationStepKind.Consent, AuthorizationStep.Next(Request("consent"), Session, remembered, Now).Kind);
        Assert.Equal(AuthorizationStepKind.Consent, AuthorizationStep.Next(Request(), Session, null, Now).Kind);
        Assert.Equal(OAuthErrors.ConsentRequired, AuthorizationStep.Next(Request("none"), Session, null, Now).Error?.Code);
    }

    [Fact]
    public async Task IdTokenHint_AcceptsOurExpiredIdToken_RefusesAnAccessTokenAndAnotherKey()
    {
        var expired = IdTokenFactory.Create(Claims() with { ExpiresAt = Now.AddYears(-1) }, Key);
        var hint = await IdTokenHint.ReadAsync(expired, Issuer, kid => kid == Key.Kid ? Key.SecurityKey : null);
        Assert.Equal(new IdTokenHintClaims("2b1c2f5e-0000-4000-8000-000000000001", "app"), hint);

        var accessToken = AccessTokenFactory.Create(new AccessTokenClaims
        {
            Issuer = Issuer, Subject = "s", Audiences = ["app"], ClientId = "app", Scope = "openid", IssuedAt = Now, ExpiresAt = Now.AddHours(1), Jti = Guid.NewGuid(),
        }, Key);
        Assert.Null(await IdTokenHint.ReadAsync(accessToken, Issuer, _ => Key.SecurityKey));
        var other = SigningKey.Generate();
        Assert.Null(await IdTokenHint.ReadAsync(IdTokenFactory.Create(Claims(), other), Issuer, _ => Key.SecurityKey));
        Assert.Null(await IdTokenHint.ReadAsync(expired, "https://other.example", _ => Key.SecurityKey));
    }

    private static readonly IdTokenHintClaims Hint = new("sub", "app");

    [Fact]
    public void EndSession_WithHintAndRegisteredUri_IsFromAKnownClient()
    {
        var check = EndSessionValidator.Validate(new(IdTokenHint: "x", null, "https://app.example/signed-out", "s1"), Hint, App);

        Assert.Equal(new EndSession("https://app.example/signed-out", "s1", FromKnownClient: true, "App"), check.Request);
    }

    [Fact]
    public void EndSession_ClientIdOnly_NeedsConfirmation()
    {
        var check = EndSessionValidator.Validate(new(null, "app", "https://app.example/signed-out", null), null, App);

        Assert.False(check.Request!.FromKnownClient);
    }

    [Theory]
    [InlineData("https://app.example/signed-out/")]
    [InlineData("https://evil.example/")]
    public void EndSession_UnregisteredUri_IsAPageNeverARedirect(string uri)
    {
        Assert.NotNull(EndSessionValidator.Validate(new(null, "app", uri, null), null, App).PageError);
    }

    [Fact]
    public void EndSession_UriWithoutClient_BadHintOrMismatchedClient_AreRefused()
    {
        Assert.NotNull(EndSessionValidator.Validate(new(null, null, "https://app.example/signed-out", null), null, null).PageError);
        Assert.NotNull(EndSessionValidator.Validate(new("not-ours", null, null, null), null, null).PageError);
        Assert.NotNull(EndSessionValidator.Validate(new("x", "other", null, null), Hint, App).PageError);
    }

    private static IssuedTokens Tokens(string scope) =>
        new("at-value", Guid.NewGuid(), Now.AddHours(1), 3600, scope, Guid.NewGuid(), null);

    private static Auth.Core.Grants.GrantContext Context => new(App, Issuer, Key, Now);

    [Fact]
    public void WithIdToken_OpenIdScope_AddsAnIdTokenForTheAccessToken()
    {
        var tokens = Tokens("openid profile").WithIdToken(Context, "user-1", Now.AddMinutes(-5), "n1");

        var jwt = new JsonWebToken(tokens.IdToken);
        Assert.Equal("user-1", jwt.Subject);
        Assert.Equal(IdTokenFactory.AccessTokenHash("at-value"), jwt.GetPayloadValue<string>(OidcClaimNames.AccessTokenHash));
        Assert.Equal("n1", jwt.GetPayloadValue<string>(OidcClaimNames.Nonce));
        Assert.Equal(Now.AddMinutes(-5), tokens.AuthTime);
    }

    [Fact]
    public void WithIdToken_WithoutOpenIdScope_AddsNone()
    {
        Assert.Null(Tokens("profile").WithIdToken(Context, "user-1", Now).IdToken);
    }
}
