using Auth.Core.Users;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>Failed sign-ins per username key, and the lock they lead to.</summary>
public sealed class LoginFailureStore(NpgsqlDataSource dataSource)
{
    public async Task<LoginLock> GetAsync(string usernameKey)
    {
        const string sql = "select failures, locked_until from login_failures where username_key = @usernameKey";
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(int Failures, DateTime? LockedUntil)?>(sql, new { usernameKey });
        return row is { } r ? new LoginLock(r.Failures, r.LockedUntil is { } u ? new DateTimeOffset(u, TimeSpan.Zero) : null) : LoginLock.None;
    }

    /// <summary>
    /// Counts one failure atomically; the failure that reaches the limit locks the key until
    /// <paramref name="now"/> + the policy's duration and starts a new count. True if this failure locked it.
    /// </summary>
    public async Task<bool> RecordFailureAsync(string usernameKey, LockoutPolicy policy, DateTimeOffset now)
    {
        const string sql = """
            insert into login_failures as f (username_key, failures, locked_until, updated_at)
            values (@usernameKey, case when @maxFailures <= 1 then 0 else 1 end, case when @maxFailures <= 1 then @lockedUntil end, @now)
            on conflict (username_key) do update set
                failures = case when f.failures + 1 >= @maxFailures then 0 else f.failures + 1 end,
                locked_until = case when f.failures + 1 >= @maxFailures then @lockedUntil else f.locked_until end,
                updated_at = @now
            returning f.failures = 0 and f.locked_until > @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(sql, new
        {
            usernameKey,
            maxFailures = policy.MaxFailures,
            lockedUntil = (now + policy.LockFor).UtcDateTime,
            now = now.UtcDateTime,
        });
    }

    public async Task ClearAsync(string usernameKey)
    {
        const string sql = "delete from login_failures where username_key = @usernameKey";
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { usernameKey });
    }
}
