using Auth.Core.Users;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>What one reservation statement found: granted, or why not, and whether a lock just ended.</summary>
public sealed record AttemptReservation(bool Granted, DateTimeOffset? LockedUntil, DateTimeOffset? SlowedUntil, bool Unlocked);

/// <summary>What counting one failure did: locked its source, or engaged the account counter.</summary>
public sealed record AttemptFailure(bool LockedSource, bool SlowedAccount);

/// <summary>
/// The attempt counters of migration 0006: per (username, source) and per username (source '').
/// An attempt is reserved by one statement before the password is checked, and released (success)
/// or counted (failure) by one statement after; a reservation whose lease ended no longer counts.
/// </summary>
public sealed class PasswordAttemptStore(NpgsqlDataSource dataSource)
{
    public const string AccountSource = "";

    // Note: the old row's values, on which the whole update decides (the row is locked by ON CONFLICT).
    private const string Live = "password_attempt_live(p.in_flight, @nowEpoch)";
    private const string SourceFailures = "(case when p.window_start <= @sourceWindowStart then 0 else p.failures end)";
    private const string Allowed = $"""
        (coalesce(p.locked_until <= @now, true)
         and not (excluded.slowed and coalesce(p.last_check_at > @slowSince, false))
         and {SourceFailures} + (select count(*) from jsonb_object_keys({Live})) < @sourceLimit)
        """;

    /// <summary>
    /// Atomically reserves one password check for <paramref name="source"/> on <paramref name="username"/>
    /// (canonical), unless the source is locked, slowed down by the account counter, or its failures plus
    /// the checks in flight already reach the limit. Also starts fresh windows on both counters.
    /// </summary>
    public async Task<AttemptReservation> ReserveAsync(string username, string source, string reservationId, AttemptPolicy policy, DateTimeOffset now)
    {
        const string sql = $"""
            with previous as (
                select locked_until from password_attempts where username = @username and source = @source
            ), account as (
                insert into password_attempts as a (username, source, failures, window_start, updated_at)
                values (@username, '', 0, @now, @now)
                on conflict (username, source) do update set
                    failures = case when a.window_start <= @accountWindowStart then 0 else a.failures end,
                    window_start = case when a.window_start <= @accountWindowStart then @now else a.window_start end,
                    updated_at = @now
                returning a.failures >= @accountLimit as slowed
            ), attempt as (
                insert into password_attempts as p (username, source, failures, window_start, in_flight, last_check_at, slowed, updated_at)
                select @username, @source, 0, @now, jsonb_build_object(@reservationId, @leaseEnd), @now, account.slowed, @now from account
                on conflict (username, source) do update set
                    in_flight = case when {Allowed} then {Live} || jsonb_build_object(@reservationId, @leaseEnd) else {Live} end,
                    last_check_at = case when {Allowed} then @now else p.last_check_at end,
                    failures = {SourceFailures},
                    window_start = case when p.window_start <= @sourceWindowStart then @now else p.window_start end,
                    locked_until = case when p.locked_until <= @now then null else p.locked_until end,
                    slowed = excluded.slowed,
                    updated_at = @now
                returning p.in_flight -> @reservationId is not null as granted, p.locked_until, p.slowed, p.last_check_at
            )
            select attempt.granted, attempt.locked_until, attempt.slowed, attempt.last_check_at,
                   coalesce((select locked_until <= @now from previous), false) as unlocked
            from attempt
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(bool Granted, DateTime? LockedUntil, bool Slowed, DateTime? LastCheckAt, bool Unlocked)>(sql, new
        {
            username,
            source,
            reservationId,
            now = now.UtcDateTime,
            nowEpoch = now.ToUnixTimeMilliseconds() / 1000.0,
            leaseEnd = (now + policy.Lease).ToUnixTimeMilliseconds() / 1000.0,
            sourceWindowStart = (now - policy.SourceWindow).UtcDateTime,
            accountWindowStart = (now - policy.AccountWindow).UtcDateTime,
            slowSince = (now - policy.AccountSlowdown).UtcDateTime,
            sourceLimit = policy.SourceMaxFailures,
            accountLimit = policy.AccountMaxFailures,
        });
        DateTimeOffset? lockedUntil = row.LockedUntil is { } l && l > now.UtcDateTime ? new DateTimeOffset(l, TimeSpan.Zero) : null;
        DateTimeOffset? slowedUntil = row.Slowed && row.LastCheckAt is { } last && new DateTimeOffset(last, TimeSpan.Zero) + policy.AccountSlowdown > now
            ? new DateTimeOffset(last, TimeSpan.Zero) + policy.AccountSlowdown
            : null;
        return new AttemptReservation(row.Granted, lockedUntil, row.Granted ? null : slowedUntil, row.Unlocked);
    }

    /// <summary>Ends a reservation whose check succeeded: it no longer counts, and the source's failures start again from zero.</summary>
    public async Task ReleaseSuccessAsync(string username, string source, string reservationId, DateTimeOffset now)
    {
        const string sql = """
            update password_attempts set in_flight = in_flight - @reservationId, failures = 0, updated_at = @now
            where username = @username and source = @source
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { username, source, reservationId, now = now.UtcDateTime });
    }

    /// <summary>
    /// Ends a reservation whose check failed, counting the failure on the source and on the account in
    /// one statement; the failure that reaches the source's limit locks it and starts a new count.
    /// </summary>
    public async Task<AttemptFailure> RecordFailureAsync(string username, string source, string reservationId, AttemptPolicy policy, DateTimeOffset now)
    {
        const string sql = $"""
            with account as (
                update password_attempts as a set
                    failures = case when a.window_start <= @accountWindowStart then 1 else a.failures + 1 end,
                    window_start = case when a.window_start <= @accountWindowStart then @now else a.window_start end,
                    updated_at = @now
                where username = @username and source = ''
                returning a.failures = @accountLimit as slowed_now
            ), attempt as (
                update password_attempts as p set
                    in_flight = p.in_flight - @reservationId,
                    failures = case when {SourceFailures} + 1 >= @sourceLimit then 0 else {SourceFailures} + 1 end,
                    window_start = case when {SourceFailures} + 1 >= @sourceLimit or p.window_start <= @sourceWindowStart then @now else p.window_start end,
                    locked_until = case when {SourceFailures} + 1 >= @sourceLimit then @lockedUntil else p.locked_until end,
                    updated_at = @now
                -- Note: after the account row, as in ReserveAsync: one lock order, so the two never deadlock.
                from (select count(*) from account) as account_first
                where username = @username and source = @source
                returning p.locked_until = @lockedUntil as locked_now
            )
            select coalesce((select locked_now from attempt), false), coalesce((select slowed_now from account), false)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var (locked, slowed) = await connection.QuerySingleAsync<(bool, bool)>(sql, new
        {
            username,
            source,
            reservationId,
            now = now.UtcDateTime,
            sourceWindowStart = (now - policy.SourceWindow).UtcDateTime,
            accountWindowStart = (now - policy.AccountWindow).UtcDateTime,
            lockedUntil = (now + policy.SourceLockFor).UtcDateTime,
            sourceLimit = policy.SourceMaxFailures,
            accountLimit = policy.AccountMaxFailures,
        });
        return new AttemptFailure(locked, slowed);
    }
}
