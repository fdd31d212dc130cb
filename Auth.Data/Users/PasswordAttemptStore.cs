using Auth.Core.Users;
using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>
/// What one reservation statement found: granted, or why not; whether a lock just ended, and whether the
/// source is familiar (it signed in as this user recently).
/// </summary>
public sealed record AttemptReservation(bool Granted, DateTimeOffset? LockedUntil, DateTimeOffset? SlowedUntil, bool Unlocked, bool Familiar = false);

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

    // Note: the old row's values, on which the update of the source row decides.
    private const string Live = "password_attempt_live(p.in_flight, @nowEpoch)";
    private const string SourceFailures = "(case when p.window_start <= @sourceWindowStart then 0 else p.failures end)";
    private const string Familiar = "coalesce((select familiar from previous), false)";
    private const string Engaged = "coalesce((select engaged from account), false)";
    private const string TookSharedSlot = "exists (select 1 from shared_slot)";
    private const string Allowed = $"""
        (coalesce(p.locked_until <= @now, true)
         and ({Familiar} or not {Engaged} or {TookSharedSlot})
         and {SourceFailures} + (select count(*) from jsonb_object_keys({Live})) < @sourceLimit)
        """;

    /// <summary>
    /// Atomically reserves one password check for <paramref name="source"/> on <paramref name="username"/>
    /// (canonical), unless the source is locked, its failures plus the checks in flight already reach the
    /// limit, or the account counter is engaged and the source is unfamiliar while the unfamiliar sources'
    /// shared check of this slowdown period is taken. Also starts a fresh window on the source counter.
    /// The account row is read without a lock, and locked only to take the shared check, so a flood of
    /// reservations for one username never queues on it.
    /// </summary>
    public async Task<AttemptReservation> ReserveAsync(string username, string source, string reservationId, AttemptPolicy policy, DateTimeOffset now)
    {
        const string sql = $"""
            with previous as (
                select locked_until, coalesce(last_success_at > @familiarSince, false) as familiar
                from password_attempts where username = @username and source = @source
            ), account as (
                select (case when window_start <= @accountWindowStart then 0 else failures end) >= @accountLimit as engaged,
                       coalesce(last_check_at <= @slowSince, true) as slot_free, last_check_at
                from password_attempts where username = @username and source = ''
            ), account_created as (
                -- Note: the row failures are counted on (RecordFailureAsync); DO NOTHING never waits on a lock.
                insert into password_attempts (username, source, failures, window_start, updated_at)
                select @username, '', 0, @now, @now where not exists (select 1 from account)
                on conflict (username, source) do nothing
            ), shared_slot as (
                -- Only an unfamiliar source that may take the shared check locks the account row; the
                -- conditions are checked again on the row once locked, so one reservation takes it.
                update password_attempts as a set last_check_at = @now, updated_at = @now
                where a.username = @username and a.source = ''
                  and not {Familiar}
                  and coalesce((select engaged and slot_free from account), false)
                  and coalesce((select locked_until <= @now from previous), true)
                  and (case when a.window_start <= @accountWindowStart then 0 else a.failures end) >= @accountLimit
                  and coalesce(a.last_check_at <= @slowSince, true)
                returning 1
            ), attempt as (
                insert into password_attempts as p (username, source, failures, window_start, in_flight, last_check_at, updated_at)
                select @username, @source, 0, @now, jsonb_build_object(@reservationId, @leaseEnd), @now, @now
                where {Familiar} or not {Engaged} or {TookSharedSlot}
                on conflict (username, source) do update set
                    in_flight = case when {Allowed} then {Live} || jsonb_build_object(@reservationId, @leaseEnd) else {Live} end,
                    last_check_at = case when {Allowed} then @now else p.last_check_at end,
                    failures = {SourceFailures},
                    window_start = case when p.window_start <= @sourceWindowStart then @now else p.window_start end,
                    locked_until = case when p.locked_until <= @now then null else p.locked_until end,
                    updated_at = @now
                returning p.in_flight -> @reservationId is not null as granted, p.locked_until
            )
            select coalesce((select granted from attempt), false) as granted,
                   (select locked_until from attempt) as locked_until,
                   {Engaged} and not {Familiar} and not {TookSharedSlot} as slowed,
                   (select last_check_at from account) as shared_check_at,
                   coalesce((select locked_until <= @now from previous), false) as unlocked,
                   {Familiar} as familiar
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(bool Granted, DateTime? LockedUntil, bool Slowed, DateTime? SharedCheckAt, bool Unlocked, bool Familiar)>(sql, new
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
            familiarSince = (now - policy.FamiliarFor).UtcDateTime,
            sourceLimit = policy.SourceMaxFailures,
            accountLimit = policy.AccountMaxFailures,
        });
        DateTimeOffset? lockedUntil = row.LockedUntil is { } l && l > now.UtcDateTime ? new DateTimeOffset(l, TimeSpan.Zero) : null;
        DateTimeOffset? slowedUntil = row.Slowed
            ? (row.SharedCheckAt is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : now) + policy.AccountSlowdown
            : null;
        return new AttemptReservation(row.Granted, lockedUntil, row.Granted ? null : slowedUntil, row.Unlocked, row.Familiar);
    }

    /// <summary>Ends a reservation whose password was never checked (no hashing slot): nothing is counted.</summary>
    public async Task ReleaseUncheckedAsync(string username, string source, string reservationId)
    {
        const string sql = """
            update password_attempts set in_flight = in_flight - @reservationId
            where username = @username and source = @source
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { username, source, reservationId });
    }

    /// <summary>
    /// Ends a reservation whose check succeeded: it no longer counts, the source's failures start again
    /// from zero, and the source is familiar to this user from now on.
    /// </summary>
    public async Task ReleaseSuccessAsync(string username, string source, string reservationId, DateTimeOffset now)
    {
        const string sql = """
            update password_attempts set in_flight = in_flight - @reservationId, failures = 0, last_success_at = @now, updated_at = @now
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
