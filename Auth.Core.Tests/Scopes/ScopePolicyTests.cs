using Auth.Core.OAuth;
using Auth.Core.Scopes;

namespace Auth.Core.Tests.Scopes;

public sealed class ScopePolicyTests
{
    private static readonly string[] Allowed = ["profile", "history", "trade"];

    [Fact]
    public void Grant_WithNoScope_GivesEveryAllowedScope() =>
        Assert.Equal("profile history trade", ScopePolicy.Grant(null, Allowed).Value);

    [Theory]
    [InlineData("profile+history", "profile history")]
    [InlineData("trade  profile", "trade profile")]
    [InlineData("trade trade", "trade")]
    public void Grant_WithSpaceOrPlusSeparatedSubset_GivesIt(string requested, string granted) =>
        Assert.Equal(granted, ScopePolicy.Grant(requested, Allowed).Value);

    [Theory]
    [InlineData("profile admin")]
    [InlineData("PROFILE")]
    [InlineData("pro\"file")]
    public void Grant_OutsideTheAllowedSet_IsInvalidScope(string requested) =>
        Assert.Equal(OAuthErrors.InvalidScope, ScopePolicy.Grant(requested, Allowed).Error?.Code);
}
