using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Tokens;

namespace Auth.Tests.Unit;

/// <summary>The pure grant and PKCE rules, without a database.</summary>
public sealed class AuthorizationCodeGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SigningKey Key = SigningKey.Generate();
    private const string Redirect = "https://app.example/cb";

    private static GrantContext Context(bool isPublic = false) => new(new Client
    {
        Id = "app",
        Name = "App",
        AuthMethods = isPublic ? [ClientAuthMethods.None] : [ClientAuthMethods.SecretBasic],
        GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        Scopes = ["profile"],
    }, "https://issuer.example", Key, Now);

    private static StoredCode Code(string? challenge = null, string clientId = "app", DateTimeOffset? expires = null) =>
        new(clientId, Guid.NewGuid(), "alice", Redirect, "profile", challenge, challenge is null ? null : Pkce.S256, expires ?? Now.AddMinutes(5));

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
    public void Handle_ValidCode_MintsTokensInTheGivenFamilyWithRefreshToken()
    {
        var family = Guid.NewGuid();
        var outcome = AuthorizationCodeGrant.Handle(Code(), Redirect, null, Context(), family);
        Assert.False(outcome.IsError);
        Assert.Equal(family, outcome.Value!.FamilyId);
        Assert.Equal(family, outcome.Value.RefreshToken!.FamilyId);
        Assert.Equal("profile", outcome.Value.Scope);
    }

    [Fact]
    public void Handle_CodeExpiringNow_IsInvalidGrant()
    {
        var outcome = AuthorizationCodeGrant.Handle(Code(expires: Now), Redirect, null, Context(), Guid.NewGuid());
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }

    [Fact]
    public void Handle_OtherClientsCode_IsInvalidGrant()
    {
        var outcome = AuthorizationCodeGrant.Handle(Code(clientId: "other"), Redirect, null, Context(), Guid.NewGuid());
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }

    [Fact]
    public void Handle_PublicClientCodeWithoutChallenge_IsInvalidGrant()
    {
        var outcome = AuthorizationCodeGrant.Handle(Code(), Redirect, null, Context(isPublic: true), Guid.NewGuid());
        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Error?.Code);
    }
}
