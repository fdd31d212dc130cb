namespace Auth.Core.Clients;

/// <summary>The credentials a request presented, and the method it used to present them (with the JWT of <c>private_key_jwt</c>).</summary>
public sealed record ClientCredentials(string ClientId, string? Secret, string Method, string? Assertion = null);
