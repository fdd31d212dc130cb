using Auth.Api.Users;
using Auth.Core.Users;

namespace Auth.Tests.Infrastructure;

/// <summary>The service's own hasher (at the test iteration count), counting every password check it makes.</summary>
public sealed class CountingHasher : IPasswordHasher
{
    private readonly IdentityPasswordHasher _inner = new(AuthApp.TestHashIterations);
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public void Reset() => Interlocked.Exchange(ref _checks, 0);

    public string Hash(string password) => _inner.Hash(password);

    public PasswordCheck Verify(string storedHash, string password)
    {
        Interlocked.Increment(ref _checks);
        return _inner.Verify(storedHash, password);
    }

    public PasswordCheck VerifyDecoy(string password)
    {
        Interlocked.Increment(ref _checks);
        return _inner.VerifyDecoy(password);
    }
}
