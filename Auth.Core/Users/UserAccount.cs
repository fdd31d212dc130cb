namespace Auth.Core.Users;

/// <summary>A resource owner as the password grant sees it.</summary>
public sealed record UserAccount(Guid Id, string Username, string PasswordHash, bool Enabled);
