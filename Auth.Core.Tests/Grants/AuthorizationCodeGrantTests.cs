using Auth.Core.Grants;
using Auth.Core.OAuth;
using static Auth.Core.Tests.Grants.GrantFixtures;

namespace Auth.Core.Tests.Grants;

/// <summary>The pure grant and PKCE rules, without a database.</summary>
public sealed class AuthorizationCodeGrantTests
{
    private const string Redirect = "https://app.example/cb";

    private static GrantContext Context(bool isPublic = false) =>
        GrantFixtures.Context(GrantFixtures.Client(isPublic, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken));

    private static StoredCode Code(string? challenge = null, string clientId = "app", DateTimeOffset? expires = null) =>
        new()
        {
            ClientId = clientId, UserId = Guid.NewGuid(), Username = "alice", UserEnabled = true, RedirectUri = Redirect, Scope = "profile",
            CodeChallenge = challenge, CodeChallengeMethod = challenge is null ? null : Pkce.S256, ExpiresAt = expires ?? Now.AddMinutes(5),
        };

    private static Outcome<IssuedTokens> Decide(StoredCode code, GrantContext context) =>
        new AuthorizationCodeGrant().Decide(new GrantRequest { Code = "code", RedirectUri = Redirect }, code, context).Tokens;

    [Fact]
    public void Pkce_Rfc7636AppendixBVector_Matches()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.True(Pkce.Matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    [Fact]
    public void Pkce_ShortVerifier_NeverMatches()
    {
        var verifier = "short";
        Assert.False(Pkce.Matches(verifier, Pkce.ChallengeOf(verifier)));
    }

    [Fact]
    public void Decide_ValidCode_MintsTokensInANewFamilyWithRefreshTokenAndConsumesTheCode()
    {
        var decision = new AuthorizationCodeGrant().Decide(new GrantRequest { Code = "code", RedirectUri = Redirect }, Code(), Context());
        var outcome = decision.Tokens;
        Assert.False(outcome.IsError);
        Assert.NotEqual(Guid.Empty, outcome.Value!.FamilyId!.Value);
        Assert.Equal(outcome.Value.FamilyId, outcome.Value.RefreshToken!.FamilyId);
        Assert.IsType<TokenWrite.ConsumeCode>(decision.Write);
        Assert.Equal("profile", outcome.Value.Scope);
    }

    [Fact]
    public void Decide_CodeExpiringNow_IsInvalidGrant()
    {
        var outcome = Decide(Code(expires: Now), Context());
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }

    [Fact]
    public void Decide_OtherClientsCode_IsInvalidGrant()
    {
        var outcome = Decide(Code(clientId: "other"), Context());
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }

    [Fact]
    public void Decide_PublicClientCodeWithoutChallenge_IsInvalidGrant()
    {
        var outcome = Decide(Code(), Context(isPublic: true));
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }
}
