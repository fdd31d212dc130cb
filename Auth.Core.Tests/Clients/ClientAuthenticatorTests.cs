using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;

namespace Auth.Core.Tests.Clients;

public sealed class ClientAuthenticatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private const string Secret = "0123456789abcdef0123456789abcdef-secret";

    private static Client ClientWith(Func<Client, Client>? change = null)
    {
        var client = new Client
        {
            Id = "c1", Name = "c1", SecretHash = SecretHasher.Hash(Secret),
            AuthMethods = [ClientAuthMethods.SecretBasic], GrantTypes = [GrantTypes.ClientCredentials],
        };
        return change is null ? client : change(client);
    }

    [Fact]
    public void Authenticate_WithRightSecret_ReturnsTheClient() =>
        Assert.Equal("c1", ClientAuthenticator.Authenticate(new("c1", Secret, ClientAuthMethods.SecretBasic), ClientWith(), Now).Value?.Id);

    [Fact]
    public void Authenticate_WithExpiredSecret_IsInvalidClient() =>
        Assert.Equal(OAuthErrors.InvalidClient, ClientAuthenticator.Authenticate(
            new("c1", Secret, ClientAuthMethods.SecretBasic), ClientWith(c => c with { SecretExpiresAt = Now.AddSeconds(-1) }), Now).Error?.Code);

    [Fact]
    public void Authenticate_PendingClient_IsInvalidClient() =>
        Assert.Equal(OAuthErrors.InvalidClient, ClientAuthenticator.Authenticate(
            new("c1", Secret, ClientAuthMethods.SecretBasic), ClientWith(c => c with { Status = ClientStatus.Pending }), Now).Error?.Code);

    [Fact]
    public void Authenticate_PublicClientWithoutSecret_ReturnsTheClient() =>
        Assert.NotNull(ClientAuthenticator.Authenticate(new("c1", null, ClientAuthMethods.None),
            ClientWith(c => c with { AuthMethods = [ClientAuthMethods.None], SecretHash = null }), Now).Value);

    [Fact]
    public void Authenticate_ConfidentialClientWithoutSecret_IsInvalidClient() =>
        Assert.Equal(OAuthErrors.InvalidClient, ClientAuthenticator.Authenticate(new("c1", null, ClientAuthMethods.None), ClientWith(), Now).Error?.Code);
}
