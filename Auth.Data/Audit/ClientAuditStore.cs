using Dapper;
using Npgsql;

namespace Auth.Data.Audit;

/// <summary>One change to a client: who made it, what kind, which fields (names only, never values).</summary>
public sealed record ClientAuditEntry(string ClientId, string Action, string Actor, string? ActorClientId, string[] Fields);

/// <summary>A stored audit row as Dapper reads it.</summary>
public sealed class ClientAuditRow
{
    public long Id { get; init; }
    public string ClientId { get; init; } = "";
    public string Action { get; init; } = "";
    public string Actor { get; init; } = "";
    public string? ActorClientId { get; init; }
    public string[] Fields { get; init; } = [];
    public DateTimeOffset At { get; init; }
}

/// <summary>The audit trail of <c>client_audit</c>: appended in the transaction of the change it records.</summary>
public sealed class ClientAuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>Appends entries inside the caller's transaction, so a change and its record commit together.</summary>
    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<ClientAuditEntry> entries)
    {
        const string sql = """
            insert into client_audit (client_id, action, actor, actor_client_id, fields)
            values (@ClientId, @Action, @Actor, @ActorClientId, @Fields)
            """;
        return connection.ExecuteAsync(sql, entries, tx);
    }

    /// <summary>Every entry for a client, oldest first (also for a deleted client).</summary>
    public async Task<IReadOnlyList<ClientAuditRow>> ListAsync(string clientId)
    {
        const string sql = """
            select id, client_id, action, actor, actor_client_id, fields, at
            from client_audit where client_id = @clientId order by id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<ClientAuditRow>(sql, new { clientId })).AsList();
    }
}
