using Auth.Core.Grants;
using Auth.Core.OAuth;
using static Auth.Core.Tests.Grants.GrantFixtures;

namespace Auth.Core.Tests.Grants;

/// <summary>The client_credentials grant: a token for the client itself, nothing stored.</summary>
public sealed class ClientCredentialsGrantTests
{
    private static readonly ClientCredentialsGrant Grant = new();

    [Fact]
    public void Decide_ConfidentialClient_GetsAnAccessTokenOnlyAndNothingIsStored()
    {
        var decision = Grant.Decide(new GrantRequest { Scope = "trade" }, new NoState(), Context());

        var tokens = decision.Tokens.Value!;
        Assert.Equal("trade", tokens.Scope);
        Assert.Null(tokens.RefreshToken);
        Assert.Null(tokens.FamilyId);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.Same(TokenWrite.None, decision.Write);
    }

    [Fact]
    public void Decide_WithoutScope_GetsEveryScopeOfTheClient() =>
        Assert.Equal("profile trade", Grant.Decide(new GrantRequest(), new NoState(), Context()).Tokens.Value!.Scope);

    [Fact]
    public void Decide_PublicClient_IsUnauthorizedClient() =>
        Assert.Equal(OAuthErrors.UnauthorizedClient,
            Grant.Decide(new GrantRequest(), new NoState(), Context(Client(isPublic: true))).Tokens.Error!.Code);

    [Fact]
    public void Decide_ScopeOutsideTheClients_IsInvalidScope() =>
        Assert.Equal(OAuthErrors.InvalidScope, Grant.Decide(new GrantRequest { Scope = "admin" }, new NoState(), Context()).Tokens.Error!.Code);
}
