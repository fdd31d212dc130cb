using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;
using static Auth.Core.Tests.Grants.GrantFixtures;

namespace Auth.Core.Tests.Grants;

/// <summary>The refresh grant's rules on their own: state in, outcome out, no database.</summary>
public sealed class RefreshTokenGrantTests
{
    private static readonly GrantContext Context = GrantFixtures.Context(GrantFixtures.Client(false, GrantTypes.Password, GrantTypes.RefreshToken));

    private static GrantDecision Decide(string? scope, StoredRefreshToken? stored) =>
        new RefreshTokenGrant().Decide(new GrantRequest { Scope = scope, RefreshToken = "value" }, stored, Context);

    private static StoredRefreshToken Stored(Func<StoredRefreshToken, StoredRefreshToken>? change = null)
    {
        var stored = new StoredRefreshToken
        {
            Hash = SecretHasher.Hash("value"), FamilyId = Guid.NewGuid(), ClientId = "app", UserId = Guid.NewGuid(), Username = "ann",
            Scope = "profile trade", CreatedAt = Now.AddDays(-1), ExpiresAt = Now.AddDays(29), UserEnabled = true, ClientActive = true,
        };
        return change is null ? stored : change(stored);
    }

    [Fact]
    public void Handle_WithUsableToken_IssuesASuccessorInTheSameFamilyWithTheSameExpiry()
    {
        var stored = Stored();

        var outcome = Decide(null, stored);

        var refresh = outcome.Tokens.Value!.RefreshToken!;
        Assert.Equal(stored.FamilyId, refresh.FamilyId);
        Assert.Equal(stored.Hash, refresh.ParentHash);
        Assert.Equal(stored.ExpiresAt, refresh.ExpiresAt);
        Assert.Equal("profile trade", outcome.Tokens.Value.Scope);
        Assert.IsNotType<TokenWrite.RevokeFamily>(outcome.Write);
    }

    [Fact]
    public void Handle_WithConsumedToken_FailsAndAsksToRevokeTheFamily()
    {
        var outcome = Decide(null, Stored(s => s with { ConsumedAt = Now.AddMinutes(-1) }));

        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Tokens.Error!.Code);
        Assert.IsType<TokenWrite.RevokeFamily>(outcome.Write);
    }

    [Fact]
    public void Handle_WithAnotherClientsConsumedToken_FailsWithoutRevokingAnything()
    {
        var outcome = Decide(null, Stored(s => s with { ClientId = "other", ConsumedAt = Now }));

        Assert.Equal(OAuthErrors.InvalidGrant, outcome.Tokens.Error!.Code);
        Assert.IsNotType<TokenWrite.RevokeFamily>(outcome.Write);
    }

    [Fact]
    public void Handle_WithExpiredToken_IsInvalidGrant() =>
        Assert.Equal(OAuthErrors.InvalidGrant, Decide(null, Stored(s => s with { ExpiresAt = Now })).Tokens.Error!.Code);

    [Fact]
    public void Handle_WithRevokedFamily_IsInvalidGrant() =>
        Assert.Equal(OAuthErrors.InvalidGrant, Decide(null, Stored(s => s with { FamilyRevoked = true })).Tokens.Error!.Code);

    [Fact]
    public void Handle_WithDisabledUser_IsInvalidGrant() =>
        Assert.Equal(OAuthErrors.InvalidGrant, Decide(null, Stored(s => s with { UserEnabled = false })).Tokens.Error!.Code);

    [Fact]
    public void Handle_WithUnknownToken_IsInvalidGrant() =>
        Assert.Equal(OAuthErrors.InvalidGrant, Decide(null, null).Tokens.Error!.Code);

    [Fact]
    public void Handle_WithScopeTheClientNoLongerHolds_DropsItFromTheNewTokens()
    {
        var outcome = Decide(null, Stored(s => s with { Scope = "profile history" }));

        Assert.Equal("profile", outcome.Tokens.Value!.Scope);
    }

    [Fact]
    public void Handle_WithNarrowerScope_NarrowsTheAccessTokenAndKeepsTheRefreshTokensScope()
    {
        var outcome = Decide("profile", Stored());

        Assert.Equal("profile", outcome.Tokens.Value!.Scope);
        Assert.Equal("profile trade", outcome.Tokens.Value.RefreshToken!.Scope);
    }

    [Fact]
    public void Handle_WithWiderScope_IsInvalidScope() =>
        Assert.Equal(OAuthErrors.InvalidScope, Decide("profile admin", Stored(s => s with { Scope = "profile" })).Tokens.Error!.Code);
}
