using System.Text.Json;
using Dapper;
using Npgsql;

namespace Auth.Data.Par;

/// <summary>A pushed authorization request as stored: its client and the parameters pushed (RFC 9126 §2.1).</summary>
public sealed record PushedRequest(string ClientId, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Pushed authorization requests by the hash of their <c>request_uri</c> (table
/// <c>pushed_authorization_requests</c>, migration 0011): stored once, read while the user signs in,
/// consumed once when the code is issued (RFC 9126 §4: one-time use).
/// </summary>
public sealed class PushedRequestStore(NpgsqlDataSource dataSource)
{
    public async Task InsertAsync(byte[] requestUriHash, string clientId, IReadOnlyDictionary<string, string> parameters, DateTimeOffset expiresAt)
    {
        const string sql = """
            insert into pushed_authorization_requests (request_uri_hash, client_id, parameters, expires_at)
            values (@requestUriHash, @clientId, @parameters::jsonb, @expiresAt)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new
        {
            requestUriHash, clientId, parameters = JsonSerializer.Serialize(parameters), expiresAt = expiresAt.UtcDateTime,
        });
    }

    /// <summary>The request with this hash if it is unexpired and not consumed yet; otherwise null.</summary>
    public async Task<PushedRequest?> FindAsync(byte[] requestUriHash, DateTimeOffset now)
    {
        const string sql = """
            select client_id, parameters::text as parameters from pushed_authorization_requests
            where request_uri_hash = @requestUriHash and consumed_at is null and expires_at > @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(sql, new { requestUriHash, now = now.UtcDateTime });
        return row is null ? null : new PushedRequest(row.ClientId, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Parameters)!);
    }

    /// <summary>
    /// Consumes the request: true for exactly one caller, and only while it is unexpired. The
    /// <c>UPDATE ... WHERE consumed_at IS NULL</c> decides the winner across instances.
    /// </summary>
    public async Task<bool> ConsumeAsync(byte[] requestUriHash, DateTimeOffset now)
    {
        const string sql = """
            update pushed_authorization_requests set consumed_at = @now
            where request_uri_hash = @requestUriHash and consumed_at is null and expires_at > @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { requestUriHash, now = now.UtcDateTime }) == 1;
    }

    private sealed class Row
    {
        public string ClientId { get; init; } = "";
        public string Parameters { get; init; } = "{}";
    }
}
