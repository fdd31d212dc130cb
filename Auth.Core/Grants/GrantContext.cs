using Auth.Core.Clients;
using Auth.Core.Tokens;

namespace Auth.Core.Grants;

/// <summary>What every grant is given: the authenticated client, who we are, the key to sign with, and the time.</summary>
public sealed record GrantContext(Client Client, string Issuer, SigningKey SigningKey, DateTimeOffset Now);
