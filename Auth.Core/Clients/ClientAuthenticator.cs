using Auth.Core.OAuth;
using Auth.Core.Security;

namespace Auth.Core.Clients;

/// <summary>
/// Decides whether presented credentials authenticate a registered client (RFC 6749 §2.3).
/// Every failure is the same <c>invalid_client</c> so a caller learns nothing about which part was wrong.
/// </summary>
public static class ClientAuthenticator
{
    private static readonly OAuthError Failed = OAuthError.InvalidClient("Client authentication failed.");

    public static Outcome<Client> Authenticate(ClientCredentials credentials, Client? client, DateTimeOffset now)
    {
        // Reject unknown clients after the same work as a known one.
        if (client is null)
        {
            SecretHasher.Matches(credentials.Secret ?? "", SecretHasher.Unmatchable);
            return Failed;
        }

        // Reject a method not registered for this client.
        if (!client.AuthMethods.Contains(credentials.Method))
            return Failed;

        if (credentials.Method != ClientAuthMethods.None)
        {
            // Reject a wrong secret, compared in constant time over its hash.
            if (client.SecretHash is null || credentials.Secret is null || !SecretHasher.Matches(credentials.Secret, client.SecretHash))
                return Failed;

            // Reject a secret past its registered expiry.
            if (client.SecretExpiresAt is { } expiresAt && expiresAt <= now)
                return OAuthError.InvalidClient("Client secret has expired.");
        }

        // Reject clients that are disabled, or registered but not approved.
        if (!client.Enabled || client.Status != ClientStatus.Active)
            return OAuthError.InvalidClient("Client is not active.");

        return client;
    }
}
