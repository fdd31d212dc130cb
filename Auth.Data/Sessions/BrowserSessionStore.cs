using Auth.Core.Authorization;
using Dapper;
using Npgsql;

namespace Auth.Data.Sessions;

/// <summary>
/// Browser sign-in sessions by the hash of their cookie handle. A session slides (each use moves
/// its idle deadline on) but never outlives its absolute expiry; ending it is seen by every
/// instance at once because every use reads the row.
/// </summary>
public sealed class BrowserSessionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Starts a session for <paramref name="userId"/>, authenticated at <paramref name="now"/>.</summary>
    public async Task StartAsync(byte[] handleHash, Guid userId, DateTimeOffset now, TimeSpan idle, TimeSpan lifetime)
    {
        const string sql = """
            insert into browser_sessions (handle_hash, user_id, auth_time, idle_until, expires_at)
            values (@handleHash, @userId, @now, least(@idleUntil, @expiresAt), @expiresAt)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new
        {
            handleHash, userId, now, idleUntil = now + idle, expiresAt = now + lifetime,
        });
    }

    /// <summary>
    /// The live session with this handle, its idle deadline moved on in the same statement; null
    /// when unknown, ended, idle too long, past its absolute expiry, or its user is disabled or gone.
    /// </summary>
    public async Task<SignedInSession?> UseAsync(byte[] handleHash, DateTimeOffset now, TimeSpan idle)
    {
        const string sql = """
            update browser_sessions s set idle_until = least(@idleUntil, s.expires_at)
            from users u
            where s.handle_hash = @handleHash and s.ended_at is null and s.idle_until > @now and s.expires_at > @now
              and u.id = s.user_id and u.enabled
            returning s.user_id, u.username, s.auth_time
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(Guid UserId, string Username, DateTime AuthTime)>(
            sql, new { handleHash, now, idleUntil = now + idle });
        return row.UserId == Guid.Empty ? null : new SignedInSession(row.UserId, row.Username, new DateTimeOffset(DateTime.SpecifyKind(row.AuthTime, DateTimeKind.Utc)));
    }

    /// <summary>Ends the session with this handle; returns its user when a live one was ended.</summary>
    public async Task<Guid?> EndAsync(byte[] handleHash, DateTimeOffset now)
    {
        const string sql = "update browser_sessions set ended_at = @now where handle_hash = @handleHash and ended_at is null returning user_id";
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid?>(sql, new { handleHash, now });
    }
}
