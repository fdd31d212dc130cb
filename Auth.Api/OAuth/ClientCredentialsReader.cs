using System.Net.Http.Headers;
using System.Text;
using Auth.Core.Clients;
using Auth.Core.OAuth;

namespace Auth.Api.OAuth;

/// <summary>
/// Finds the client credentials of a request: HTTP Basic (RFC 6749 §2.3.1, each part
/// form-urlencoded), or <c>client_id</c>/<c>client_secret</c> in the body, or a bare
/// <c>client_id</c> for a public client. Never the query string.
/// </summary>
public static class ClientCredentialsReader
{
    private static readonly OAuthError Missing = OAuthError.InvalidClient("Client authentication is required.");

    public static Outcome<ClientCredentials> Read(HttpRequest request, OAuthForm form)
    {
        // Reject credentials in the URL, where logs and proxies keep them (RFC 6749 §2.3.1).
        if (request.Query.ContainsKey(Parameters.ClientSecret))
            return OAuthError.InvalidRequest("Client credentials must not be sent in the query string.");

        var bodyId = form[Parameters.ClientId];
        var bodySecret = form[Parameters.ClientSecret];
        var header = request.Headers.Authorization.ToString();

        if (form.Has(Parameters.ClientAssertion) || form.Has(Parameters.ClientAssertionType))
            return ClientAssertionReader.Read(form, bodyId, bodySecret is not null || header.Length > 0);

        if (header.Length > 0)
        {
            if (!AuthenticationHeaderValue.TryParse(header, out var auth) || !auth.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                return OAuthError.InvalidClient("Only HTTP Basic client authentication is accepted in the Authorization header.");

            // Reject more than one authentication method in one request (RFC 6749 §2.3).
            if (bodySecret is not null)
                return OAuthError.InvalidRequest("Use only one client authentication method.");

            var basic = DecodeBasic(auth.Parameter);
            if (basic is null)
                return OAuthError.InvalidClient("The Basic credentials are malformed.");

            // Reject a body client_id that names another client than the header.
            if (bodyId is not null && bodyId != basic.Value.Id)
                return OAuthError.InvalidClient("Client authentication failed.");

            return new ClientCredentials(basic.Value.Id, basic.Value.Secret, ClientAuthMethods.SecretBasic);
        }

        if (bodyId is null)
            return bodySecret is null ? Missing : OAuthError.InvalidRequest("client_secret was sent without client_id.");

        return bodySecret is null
            ? new ClientCredentials(bodyId, null, ClientAuthMethods.None)
            : new ClientCredentials(bodyId, bodySecret, ClientAuthMethods.SecretPost);
    }

    private static (string Id, string Secret)? DecodeBasic(string? parameter)
    {
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 4096)
            return null;
        var buffer = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, buffer, out var length))
            return null;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            return null;
        var id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return id.Length == 0 ? null : (id, secret);
    }
}
