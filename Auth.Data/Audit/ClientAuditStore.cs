using Dapper;
using Npgsql;

namespace Auth.Data.Audit;

/// <summary>
/// One change to a client: who made it, what kind, which fields (names only, never values). A console
/// action on a user names the user (and no client, unless it was one of the user's grants); a
/// rejection carries its reason as the note.
/// </summary>
public sealed record ClientAuditEntry(string? ClientId, string Action, string Actor, string? ActorClientId, string[] Fields)
{
    public Guid? UserId { get; init; }
    public string? Note { get; init; }
}

/// <summary>A stored audit row as Dapper reads it.</summary>
public sealed class ClientAuditRow
{
    public long Id { get; init; }
    public string? ClientId { get; init; }
    public string Action { get; init; } = "";
    public string Actor { get; init; } = "";
    public string? ActorClientId { get; init; }
    public string[] Fields { get; init; } = [];
    public Guid? UserId { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>The audit trail of <c>client_audit</c>: appended in the transaction of the change it records.</summary>
public sealed class ClientAuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>Appends entries inside the caller's transaction, so a change and its record commit together.</summary>
    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<ClientAuditEntry> entries)
    {
        const string sql = """
            insert into client_audit (client_id, action, actor, actor_client_id, fields, user_id, note)
            values (@ClientId, @Action, @Actor, @ActorClientId, @Fields, @UserId, @Note)
            """;
        return connection.ExecuteAsync(sql, entries, tx);
    }

    /// <summary>Appends one entry on its own (an action that changes nothing else, such as a console sign-in).</summary>
    public async Task AddAsync(ClientAuditEntry entry)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await AppendAsync(connection, tx, [entry]);
        await tx.CommitAsync();
    }

    /// <summary>Every entry for a client, oldest first (also for a deleted client).</summary>
    public async Task<IReadOnlyList<ClientAuditRow>> ListAsync(string clientId)
    {
        const string sql = """
            select id, client_id, action, actor, actor_client_id, fields, user_id, note, at
            from client_audit where client_id = @clientId order by id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<ClientAuditRow>(sql, new { clientId })).AsList();
    }

    /// <summary>Every entry naming this user (console actions on the account and its grants), oldest first.</summary>
    public async Task<IReadOnlyList<ClientAuditRow>> ListForUserAsync(Guid userId)
    {
        const string sql = """
            select id, client_id, action, actor, actor_client_id, fields, user_id, note, at
            from client_audit where user_id = @userId order by id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<ClientAuditRow>(sql, new { userId })).AsList();
    }
}
