using Auth.Core.Clients;
using Auth.Core.OAuth;

namespace Auth.Core.Tests.Clients;

/// <summary>The client rules shared by the command line, the admin API and registration.</summary>
public sealed class ClientPolicyTests
{
    [Theory]
    [InlineData("https://app.example/cb", true)]
    [InlineData("http://127.0.0.1:8080/cb", true)]
    [InlineData("/cb", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("cb", false)]
    [InlineData("https://app.example/cb#frag", false)]
    public void IsRedirectUri_AcceptsOnlyAbsoluteUrisWithoutFragment(string uri, bool expected) =>
        Assert.Equal(expected, ClientPolicy.IsRedirectUri(uri));

    [Fact]
    public void HasRedirectUriIfNeeded_CodeGrantWithoutRedirectUri_IsFalse() =>
        Assert.False(ClientPolicy.HasRedirectUriIfNeeded([GrantTypes.AuthorizationCode], []));

    [Fact]
    public void IsPublicAlone_NoneMixedWithASecretMethod_IsFalse() =>
        Assert.False(ClientPolicy.IsPublicAlone([ClientAuthMethods.None, ClientAuthMethods.SecretBasic]));

    [Theory]
    [InlineData("profile", true)]
    [InlineData("pro file", false)]
    [InlineData("a\"b", false)]
    [InlineData("", false)]
    public void IsScope_AcceptsRfc6749ScopeTokensOnly(string scope, bool expected) =>
        Assert.Equal(expected, ClientPolicy.IsScope(scope));

    [Fact]
    public void Defaults_AreOneHourThirtyDaysFiveMinutes()
    {
        var client = new Client { Id = "a", Name = "a" };
        Assert.Equal(TimeSpan.FromHours(1), client.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(30), client.RefreshTokenLifetime);
        Assert.Equal(TimeSpan.FromMinutes(5), client.CodeLifetime);
    }
}
