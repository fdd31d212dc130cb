namespace Auth.Core.Users;

public enum PasswordCheck
{
    Failed,
    Success,
    /// <summary>Correct, but hashed with older parameters: store a fresh hash.</summary>
    SuccessRehashNeeded,
}

/// <summary>A slow, versioned password hash: the stored string names its own parameters.</summary>
public interface IPasswordHasher
{
    string Hash(string password);
    PasswordCheck Verify(string storedHash, string password);

    /// <summary>Spends one verification's time and fails: the cost of an unknown user.</summary>
    PasswordCheck VerifyDecoy(string password);
}
