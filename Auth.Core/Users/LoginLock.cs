namespace Auth.Core.Users;

/// <summary>The failure count of one username and, once it reached the limit, until when it is locked.</summary>
public sealed record LoginLock(int Failures, DateTimeOffset? LockedUntil)
{
    public static readonly LoginLock None = new(0, null);

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>How many failures in a row lock an account, and for how long.</summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan LockFor)
{
    public static readonly LockoutPolicy Default = new(5, TimeSpan.FromMinutes(15));
}

public static class Usernames
{
    /// <summary>The key failures are counted under: one per username regardless of case.</summary>
    public static string Key(string username) => username.Trim().ToLowerInvariant();
}
