using Auth.Core.Clients;

namespace Auth.Core.OpenIdConnect;

/// <summary>The parameters of a sign-out request (RP-Initiated Logout 1.0 §2) as received.</summary>
public sealed record EndSessionParameters(string? IdTokenHint, string? ClientId, string? PostLogoutRedirectUri, string? State);

/// <summary>
/// A valid sign-out request: where to send the browser afterwards (null: show our own page), and
/// whether the request proved it comes from the client (a valid <c>id_token_hint</c>), so the
/// user need not confirm.
/// </summary>
public sealed record EndSession(string? RedirectUri, string? State, bool FromKnownClient, string? ClientName);

public sealed record EndSessionCheck(EndSession? Request, string? PageError)
{
    public static EndSessionCheck Page(string message) => new(null, message);
}

/// <summary>Validates a sign-out request; every refusal is an error page, never a redirect (RP-Initiated Logout 1.0 §3).</summary>
public static class EndSessionValidator
{
    private const int MaxStateLength = 2048;

    /// <param name="hint">The claims of <c>id_token_hint</c> when one was sent and is ours; null otherwise.</param>
    /// <param name="client">The client the hint or <c>client_id</c> names, if registered.</param>
    public static EndSessionCheck Validate(EndSessionParameters p, IdTokenHintClaims? hint, Client? client)
    {
        // Reject a hint we did not issue (RP-Initiated Logout 1.0 §2: the OP validates it).
        if (p.IdTokenHint is not null && hint is null)
            return EndSessionCheck.Page("The application sent a sign-out request we could not verify.");

        // Reject a client_id that is not the hint's audience (§2: they must agree).
        if (hint is not null && p.ClientId is not null && p.ClientId != hint.ClientId)
            return EndSessionCheck.Page("The sign-out request names two different applications.");

        var clientId = hint?.ClientId ?? p.ClientId;
        if (clientId is not null && (client is null || client.Id != clientId))
            return EndSessionCheck.Page("The application that sent you here is not registered with us.");

        if (p.State is { Length: > MaxStateLength })
            return EndSessionCheck.Page("The sign-out request is malformed.");

        if (p.PostLogoutRedirectUri is { } uri)
        {
            // Reject a return address without a client to check it against, or not registered exactly (§3).
            if (client is null || !client.PostLogoutRedirectUris.Contains(uri, StringComparer.Ordinal))
                return EndSessionCheck.Page("The application asked us to send you back to an address it has not registered.");
        }

        return new EndSessionCheck(new EndSession(p.PostLogoutRedirectUri, p.State, FromKnownClient: hint is not null, client?.Name), null);
    }
}
