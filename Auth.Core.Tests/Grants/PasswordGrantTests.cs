using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Users;
using static Auth.Core.Tests.Grants.GrantFixtures;

namespace Auth.Core.Tests.Grants;

/// <summary>The password grant's decision, given the result of the password check.</summary>
public sealed class PasswordGrantTests
{
    private static readonly PasswordGrant Grant = new();
    private static readonly UserAccount Ann = new(Guid.NewGuid(), "ann", "hash", Enabled: true);
    private static GrantRequest Request(string? scope = null) => new() { Username = "ann", Password = "secret", Scope = scope };

    [Fact]
    public void Precheck_WithoutPassword_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, Grant.Precheck(new GrantRequest { Username = "ann" }, Context())?.Code);

    [Fact]
    public void Precheck_WithScopeOutsideTheClients_IsInvalidScopeBeforeAnyPasswordCheck() =>
        Assert.Equal(OAuthErrors.InvalidScope, Grant.Precheck(Request("admin"), Context())?.Code);

    [Fact]
    public void Precheck_WithCredentialsAndAllowedScope_PassesOn() =>
        Assert.Null(Grant.Precheck(Request("profile"), Context()));

    [Fact]
    public void Decide_SignedIn_MintsTokensInANewFamilyAndAsksToStoreIt()
    {
        var decision = Grant.Decide(Request("profile"), new SignInResult(Ann, null), Context());

        var tokens = decision.Tokens.Value!;
        Assert.Equal("profile", tokens.Scope);
        Assert.NotNull(tokens.FamilyId);
        Assert.Equal(tokens.FamilyId, tokens.RefreshToken!.FamilyId);
        var write = Assert.IsType<TokenWrite.CreateFamily>(decision.Write);
        Assert.Equal(Ann.Id, write.UserId);
        Assert.Null(write.BrokerClientId);
    }

    [Fact]
    public void Decide_TwoSignIns_GetTwoFamilies()
    {
        var signIn = new SignInResult(Ann, null);
        Assert.NotEqual(Grant.Decide(Request(), signIn, Context()).Tokens.Value!.FamilyId, Grant.Decide(Request(), signIn, Context()).Tokens.Value!.FamilyId);
    }

    [Fact]
    public void Decide_WrongPassword_IsInvalidGrantAndWritesNoTokenState()
    {
        var decision = Grant.Decide(Request(), SignInResult.BadCredentials, Context());

        Assert.Equal(OAuthErrors.InvalidGrant, decision.Tokens.Error!.Code);
        Assert.DoesNotContain("locked", decision.Tokens.Error.Description);
        Assert.Same(TokenWrite.None, decision.Write);
    }

    [Fact]
    public void Decide_LockedAccount_IsInvalidGrantSayingSo()
    {
        var decision = Grant.Decide(Request(), SignInResult.Locked(TimeSpan.FromMinutes(15)), Context());

        Assert.Equal(OAuthErrors.InvalidGrant, decision.Tokens.Error!.Code);
        Assert.Contains("locked", decision.Tokens.Error.Description);
    }

    [Fact]
    public void Decide_NoAttemptFreeInTime_IsTheTooManyAttemptsError()
    {
        var decision = Grant.Decide(Request(), SignInResult.Busy(TimeSpan.FromSeconds(1)), Context());

        Assert.Same(PasswordGrant.TooManyAttempts, decision.Tokens.Error);
        Assert.Same(TokenWrite.None, decision.Write);
    }
}
