using System.Text;
using Auth.Data.Audit;
using Dapper;
using Npgsql;

namespace Auth.Data.Clients;

/// <summary>List filters of the admin API; a null filter matches everything.</summary>
public sealed record ClientFilter(string? NameContains, bool? Enabled, string? TenantId);

public enum ClientWrite
{
    Written,
    NotFound,
    Stale,
}

/// <summary>
/// The operator's reads and writes of <c>clients</c>. Every write bumps <c>version</c> and appends
/// its audit entry in the same transaction; updates are compare-and-swap on <c>version</c>.
/// </summary>
public sealed class ClientAdminStore(NpgsqlDataSource dataSource, ClientStore clients)
{
    /// <summary>One page of clients matching the filter, oldest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<ClientRow> Rows, long Total)> ListAsync(ClientFilter filter, int offset, int limit)
    {
        // Note: fixed SQL fragments appended per filter, each with its own parameter.
        var where = new StringBuilder("where true");
        if (filter.NameContains is not null)
            where.Append(" and strpos(lower(name), lower(@NameContains)) > 0");
        if (filter.Enabled is not null)
            where.Append(" and enabled = @Enabled");
        if (filter.TenantId is not null)
            where.Append(" and tenant_id = @TenantId");

        var sql = $"""
            select count(*) from clients {where};
            select {ClientStore.Columns} from clients {where} order by created_at, id offset @offset limit @limit;
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var results = await connection.QueryMultipleAsync(sql,
            new { filter.NameContains, filter.Enabled, filter.TenantId, offset, limit });
        var total = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<ClientRow>()).AsList();
        return (rows, total);
    }

    /// <summary>Inserts a client and its audit entry; nothing is stored if the id is taken or was deleted.</summary>
    public async Task<ClientInsert> InsertAsync(ClientRow row, ClientAuditEntry audit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var inserted = await ClientStore.InsertAsync(connection, tx, row);
        if (inserted != ClientInsert.Inserted)
            return inserted;
        await ClientAuditStore.AppendAsync(connection, tx, [audit]);
        await tx.CommitAsync();
        return inserted;
    }

    /// <summary>
    /// Writes every field of <paramref name="row"/> (except id and creation time) if the stored
    /// version is still <paramref name="expectedVersion"/>: the stored row after the write, or why not.
    /// </summary>
    public async Task<(ClientWrite Result, ClientRow? Row)> ReplaceAsync(ClientRow row, int expectedVersion, ClientAuditEntry audit)
    {
        const string sql = $"""
            update clients set
                secret_hash = @SecretHash, secret_expires_at = @SecretExpiresAt, name = @Name, description = @Description,
                auth_methods = @AuthMethods, grant_types = @GrantTypes, response_types = @ResponseTypes,
                redirect_uris = @RedirectUris, post_logout_redirect_uris = @PostLogoutRedirectUris, scopes = @Scopes,
                audiences = @Audiences, access_token_ttl_seconds = @AccessTokenTtlSeconds,
                refresh_token_ttl_seconds = @RefreshTokenTtlSeconds, code_ttl_seconds = @CodeTtlSeconds,
                client_settings = @ClientSettings::jsonb, enabled = @Enabled, status = @Status, platform = @Platform,
                source = @Source, biz_tag = @BizTag, tenant_id = @TenantId, tenant_name = @TenantName,
                version = version + 1, updated_at = now()
            where id = @Id and version = @ExpectedVersion
            returning {ClientStore.Columns}
            """;
        var parameters = new DynamicParameters(row);
        parameters.Add("ExpectedVersion", expectedVersion);
        return await WriteOneAsync(row.Id, sql, parameters, audit);
    }

    /// <summary>Sets the approval status (active, rejected) of a client; the stored row, or null if there is none.</summary>
    public async Task<ClientRow?> SetStatusAsync(string id, string status, ClientAuditEntry audit)
    {
        const string sql = $"""
            update clients set status = @status, version = version + 1, updated_at = now()
            where id = @id returning {ClientStore.Columns}
            """;
        var (_, row) = await WriteOneAsync(id, sql, new { id, status }, audit);
        return row;
    }

    /// <summary>
    /// Replaces the secret hash of a client and its expiry (the old secret's expiry, perhaps past, does
    /// not carry over); the stored row, or null if there is none.
    /// </summary>
    public async Task<ClientRow?> SetSecretAsync(string id, byte[] secretHash, DateTimeOffset? secretExpiresAt, ClientAuditEntry audit)
    {
        const string sql = $"""
            update clients set secret_hash = @secretHash, secret_expires_at = @secretExpiresAt, version = version + 1, updated_at = now()
            where id = @id returning {ClientStore.Columns}
            """;
        var (_, row) = await WriteOneAsync(id, sql, new { id, secretHash, secretExpiresAt }, audit);
        return row;
    }

    /// <summary>
    /// Deletes the clients with these ids and, by cascade, their token families, refresh tokens and
    /// codes (their access tokens fail the revocation check once the row is gone). Returns the ids deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, Func<string, ClientAuditEntry> audit)
    {
        const string sql = "delete from clients where id = any(@ids) returning id";
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var deleted = (await connection.QueryAsync<string>(sql, new { ids = ids.ToArray() }, tx)).AsList();
        await ClientAuditStore.AppendAsync(connection, tx, deleted.Select(audit));
        await tx.CommitAsync();
        deleted.ForEach(clients.OnChanged);
        return deleted;
    }

    private async Task<(ClientWrite, ClientRow?)> WriteOneAsync(string id, string sql, object parameters, ClientAuditEntry audit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var stored = await connection.QuerySingleOrDefaultAsync<ClientRow>(sql, parameters, tx);
        if (stored is null)
        {
            var exists = await connection.ExecuteScalarAsync<bool>("select exists (select 1 from clients where id = @id)", new { id }, tx);
            return (exists ? ClientWrite.Stale : ClientWrite.NotFound, null);
        }
        await ClientAuditStore.AppendAsync(connection, tx, [audit]);
        await tx.CommitAsync();
        clients.OnChanged(id);
        return (ClientWrite.Written, stored);
    }
}
