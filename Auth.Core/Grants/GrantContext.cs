using Auth.Core.Clients;
using Auth.Core.Tokens;

namespace Auth.Core.Grants;

/// <summary>
/// What every grant is given: the authenticated client, who we are, the key to sign with, the time,
/// and the checked DPoP proof of the request, if any (RFC 9449 §5: the tokens are bound to its key).
/// </summary>
public sealed record GrantContext(Client Client, string Issuer, SigningKey SigningKey, DateTimeOffset Now, Dpop.DpopProof? Dpop = null);
