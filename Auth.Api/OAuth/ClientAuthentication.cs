using Auth.Api.Admin.Clients;
using Auth.Api.Hosting;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Data.Replay;

namespace Auth.Api.OAuth;

/// <summary>Authenticates the client of a form-encoded OAuth request against the stored clients.</summary>
public sealed class ClientAuthentication(ClientCache clients, ReplayStore replays, AuthSettings settings, TimeProvider clock)
{
    private static readonly OAuthError Failed = OAuthError.InvalidClient("Client authentication failed.");
    private static readonly OAuthError Replayed = OAuthError.InvalidClient("The client assertion was used before.");

    public async Task<Outcome<Client>> AuthenticateAsync(HttpRequest request, OAuthForm form)
    {
        var credentials = ClientCredentialsReader.Read(request, form);
        if (credentials.IsError)
            return credentials.Error!;

        var presented = credentials.Value!;
        var client = await clients.FindAsync(presented.ClientId);
        var authenticated = presented.Method == ClientAuthMethods.PrivateKeyJwt
            ? await AuthenticateAssertionAsync(presented, client, request)
            : ClientAuthenticator.Authenticate(presented, client, clock.GetUtcNow());
        if (authenticated.IsError)
            return authenticated;
        return FinancialGradeRules.CheckAuthenticationMethod(authenticated.Value!, presented.Method) is { } refused
            ? refused
            : authenticated;
    }

    /// <summary><c>private_key_jwt</c>: the assertion checked against the client's keys, then its <c>jti</c> against every earlier one.</summary>
    private async Task<Outcome<Client>> AuthenticateAssertionAsync(ClientCredentials presented, Client? client, HttpRequest request)
    {
        // Reject unknown clients and clients not registered for this method.
        if (client is null || !client.AuthMethods.Contains(ClientAuthMethods.PrivateKeyJwt))
            return Failed;

        // RFC 7523 §3 item 3: the audience is us, by our issuer or by the endpoint's URL.
        var now = clock.GetUtcNow();
        var assertion = ClientAssertionValidator.Validate(presented.Assertion!, client, [settings.Issuer, settings.Issuer + request.PathBase + request.Path], now);
        if (assertion.IsError)
            return assertion.Error!;

        // Reject clients that are disabled, or registered but not approved.
        if (!client.Enabled || client.Status != ClientStatus.Active)
            return OAuthError.InvalidClient("Client is not active.");

        // Reject an assertion presented before, to this or any other instance (RFC 7523 §3 item 7).
        var used = assertion.Value!;
        if (!await replays.TryUseAsync(ReplayKind.ClientAssertion, client.Id, used.Jti, used.RememberUntil, now))
            return Replayed;
        return client;
    }
}
