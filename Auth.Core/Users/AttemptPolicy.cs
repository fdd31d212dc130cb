namespace Auth.Core.Users;

/// <summary>
/// How password attempts are counted. Per (username, source): <see cref="SourceMaxFailures"/>
/// failures within <see cref="SourceWindow"/> lock that source for <see cref="SourceLockFor"/>.
/// Per username: <see cref="AccountMaxFailures"/> failures within <see cref="AccountWindow"/>
/// engage the account counter instead of locking the owner out: from then on the unfamiliar sources
/// together get one check per <see cref="AccountSlowdown"/>, while a familiar source (one that signed in
/// as this user within <see cref="FamiliarFor"/>) is not slowed at all; the smart-lockout model, so a
/// flood from many addresses neither locks the owner out nor buys the attacker more guesses.
/// A reservation stops counting after <see cref="Lease"/> (its process died mid-check); a request that
/// finds the budget taken by checks in flight waits up to <see cref="MaxWait"/> for them.
/// </summary>
public sealed record AttemptPolicy
{
    public int SourceMaxFailures { get; init; } = 5;
    public TimeSpan SourceWindow { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan SourceLockFor { get; init; } = TimeSpan.FromMinutes(15);
    public int AccountMaxFailures { get; init; } = 100;
    public TimeSpan AccountWindow { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan AccountSlowdown { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan FamiliarFor { get; init; } = TimeSpan.FromDays(30);

    public static readonly AttemptPolicy Default = new();

    /// <summary>The longest a counter row matters after its last write: older unlocked rows may go.</summary>
    public TimeSpan RowLifetime => new[] { SourceWindow, AccountWindow, Lease, AccountSlowdown }.Max();
}
