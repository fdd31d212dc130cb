using Auth.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Auth.Api.Users;

/// <summary>
/// ASP.NET Core Identity's PBKDF2-HMAC-SHA512 hash (format V3: the stored string carries its
/// algorithm and iteration count), so raising the iterations upgrades old hashes at next sign-in.
/// </summary>
public sealed class IdentityPasswordHasher : Auth.Core.Users.IPasswordHasher
{
    private static readonly UserAccount Nobody = new(Guid.Empty, "", "", false);
    private readonly PasswordHasher<UserAccount> _hasher;
    private readonly string _decoyHash;

    public IdentityPasswordHasher(int iterations)
    {
        _hasher = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        _decoyHash = Hash(Guid.NewGuid().ToString());
    }

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public PasswordCheck Verify(string storedHash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(Nobody, storedHash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }

    public PasswordCheck VerifyDecoy(string password)
    {
        Verify(_decoyHash, password);
        return PasswordCheck.Failed;
    }
}
