using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Api.Clients;

namespace Auth.Api.OAuth;

/// <summary>Authenticates the client of a form-encoded OAuth request against the stored clients.</summary>
public sealed class ClientAuthentication(ClientCache clients, TimeProvider clock)
{
    public async Task<Outcome<Client>> AuthenticateAsync(HttpRequest request, OAuthForm form)
    {
        var credentials = ClientCredentialsReader.Read(request, form);
        if (credentials.IsError)
            return credentials.Error!;

        var client = await clients.FindAsync(credentials.Value!.ClientId);
        return ClientAuthenticator.Authenticate(credentials.Value, client, clock.GetUtcNow());
    }
}
