namespace Auth.Core.Clients;

/// <summary>The credentials a request presented, and the method it used to present them.</summary>
public sealed record ClientCredentials(string ClientId, string? Secret, string Method);
