using Auth.Core.Clients;
using Dapper;
using Npgsql;

namespace Auth.Data.Clients;

/// <summary>The outcome of inserting a client.</summary>
public enum ClientInsert
{
    Inserted,
    /// <summary>A client with this id exists.</summary>
    Taken,
    /// <summary>A client with this id existed and was deleted: deleted ids are never reused (migration 0014).</summary>
    Deleted,
}

/// <summary>Reads and writes registered clients.</summary>
public sealed class ClientStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Raised after this process changed a client, so caches here drop it at once; other
    /// instances hear of it through the database's NOTIFY (migration 0005).
    /// </summary>
    public event Action<string>? Changed;

    public void OnChanged(string clientId) => Changed?.Invoke(clientId);

    public const string Columns = """
        id, secret_hash, secret_expires_at, name, description, auth_methods, grant_types, response_types,
        redirect_uris, post_logout_redirect_uris, scopes, audiences, access_token_ttl_seconds,
        refresh_token_ttl_seconds, code_ttl_seconds, client_settings::text as client_settings, enabled, status,
        platform, source, biz_tag, tenant_id, tenant_name, version, created_at, updated_at
        """;

    /// <summary>The client with this id, or null.</summary>
    public async Task<Client?> FindAsync(string clientId)
    {
        var row = await FindRowAsync(clientId);
        return row?.ToClient();
    }

    /// <summary>The full row of the client with this id, or null.</summary>
    public async Task<ClientRow?> FindRowAsync(string clientId)
    {
        const string sql = $"select {Columns} from clients where id = @clientId";
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<ClientRow>(sql, new { clientId });
    }

    /// <summary>The pseudo-constraint an insert of a deleted client's id violates (migration 0014).</summary>
    public const string DeletedIdConstraint = "clients_id_deleted";

    /// <summary>Inserts a client; <see cref="ClientInsert.Taken"/> if one with this id exists, <see cref="ClientInsert.Deleted"/> if one did.</summary>
    public async Task<ClientInsert> InsertAsync(ClientRow row)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await InsertAsync(connection, null, row);
        OnChanged(row.Id);
        return inserted;
    }

    /// <summary>Inserts a client inside the caller's transaction (if any); after a refusal the transaction is to be rolled back.</summary>
    public static async Task<ClientInsert> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, ClientRow row)
    {
        const string sql = $"{InsertSql} on conflict (id) do nothing";
        try
        {
            return await connection.ExecuteAsync(sql, row, tx) == 1 ? ClientInsert.Inserted : ClientInsert.Taken;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == DeletedIdConstraint)
        {
            return ClientInsert.Deleted;
        }
    }

    /// <summary>The insert of every column of a <see cref="ClientRow"/>; callers add their own conflict clause.</summary>
    public const string InsertSql = """
        insert into clients (id, secret_hash, secret_expires_at, name, description, auth_methods, grant_types,
            response_types, redirect_uris, post_logout_redirect_uris, scopes, audiences, access_token_ttl_seconds,
            refresh_token_ttl_seconds, code_ttl_seconds, client_settings, enabled, status, platform, source,
            biz_tag, tenant_id, tenant_name)
        values (@Id, @SecretHash, @SecretExpiresAt, @Name, @Description, @AuthMethods, @GrantTypes,
            @ResponseTypes, @RedirectUris, @PostLogoutRedirectUris, @Scopes, @Audiences, @AccessTokenTtlSeconds,
            @RefreshTokenTtlSeconds, @CodeTtlSeconds, @ClientSettings::jsonb, @Enabled, @Status, @Platform, @Source,
            @BizTag, @TenantId, @TenantName)
        """;

    /// <summary>Inserts a client, or replaces every field of an existing one with the same id; throws for a deleted client's id.</summary>
    public async Task UpsertAsync(ClientRow row)
    {
        const string sql = $"""
            {InsertSql}
            on conflict (id) do update set
                secret_hash = excluded.secret_hash, secret_expires_at = excluded.secret_expires_at,
                name = excluded.name, description = excluded.description, auth_methods = excluded.auth_methods,
                grant_types = excluded.grant_types, response_types = excluded.response_types,
                redirect_uris = excluded.redirect_uris, post_logout_redirect_uris = excluded.post_logout_redirect_uris,
                scopes = excluded.scopes, audiences = excluded.audiences,
                access_token_ttl_seconds = excluded.access_token_ttl_seconds,
                refresh_token_ttl_seconds = excluded.refresh_token_ttl_seconds,
                code_ttl_seconds = excluded.code_ttl_seconds, client_settings = excluded.client_settings,
                enabled = excluded.enabled, status = excluded.status, platform = excluded.platform,
                source = excluded.source, biz_tag = excluded.biz_tag, tenant_id = excluded.tenant_id,
                tenant_name = excluded.tenant_name, version = clients.version + 1, updated_at = now()
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, row);
        OnChanged(row.Id);
    }
}
