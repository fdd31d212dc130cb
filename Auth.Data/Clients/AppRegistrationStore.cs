using Auth.Data.Audit;
using Dapper;
using Npgsql;

namespace Auth.Data.Clients;

/// <summary>What a company declared about itself and its app when registering it (document 000).</summary>
public sealed record AppRegistrationRow(
    string ClientId,
    string AppCodeName,
    string CompanyName,
    string CompanyInfo,
    string HomepageUrl,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    string? Logo);

/// <summary>A pending app as the registrations queue shows it: the declaration and what the client asks for.</summary>
public sealed class PendingRegistration
{
    public string ClientId { get; init; } = "";
    public string AppName { get; init; } = "";
    public string AppCodeName { get; init; } = "";
    public string CompanyName { get; init; } = "";
    public string CompanyInfo { get; init; } = "";
    public string HomepageUrl { get; init; } = "";
    public string ContactName { get; init; } = "";
    public string ContactPhone { get; init; } = "";
    public string ContactEmail { get; init; } = "";
    public string? Logo { get; init; }
    public string[] RedirectUris { get; init; } = [];
    public string[] GrantTypes { get; init; } = [];
    public DateTime CreatedAt { get; init; }
}

/// <summary>Stores self-registered apps: the client row, the declaration and the audit entry in one transaction.</summary>
public sealed class AppRegistrationStore(NpgsqlDataSource dataSource)
{
    private const string AppCodeNameIndex = "app_registrations_app_code_name_key";

    /// <summary>Stores the app; false (and nothing stored) if its <c>appCodeName</c> is taken.</summary>
    public async Task<bool> RegisterAsync(ClientRow client, AppRegistrationRow registration, ClientAuditEntry audit)
    {
        const string sql = """
            insert into app_registrations (client_id, app_code_name, company_name, company_info, homepage_url,
                contact_name, contact_phone, contact_email, logo)
            values (@ClientId, @AppCodeName, @CompanyName, @CompanyInfo, @HomepageUrl,
                @ContactName, @ContactPhone, @ContactEmail, @Logo)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        try
        {
            // Note: a generated id (144 random bits) that is taken or was deleted is a fault, not a request to answer.
            if (await ClientStore.InsertAsync(connection, tx, client) != ClientInsert.Inserted)
                throw new InvalidOperationException("A generated client id collided with an existing or deleted one.");
            await connection.ExecuteAsync(sql, registration, tx);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == AppCodeNameIndex)
        {
            return false;
        }
        await ClientAuditStore.AppendAsync(connection, tx, [audit]);
        await tx.CommitAsync();
        return true;
    }

    /// <summary>The declaration of a registered app, or null for a client that was not self-registered.</summary>
    public async Task<AppRegistrationRow?> FindAsync(string clientId)
    {
        const string sql = """
            select client_id, app_code_name, company_name, company_info, homepage_url,
                contact_name, contact_phone, contact_email, logo
            from app_registrations where client_id = @clientId
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<AppRegistrationRow>(sql, new { clientId });
    }

    /// <summary>Apps waiting for approval that registered before <paramref name="registeredBefore"/> (all if null), oldest first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PendingRegistration>> ListPendingAsync(DateTimeOffset? registeredBefore, int limit)
    {
        const string sql = """
            select c.id as client_id, c.name as app_name, r.app_code_name, r.company_name, r.company_info, r.homepage_url,
                r.contact_name, r.contact_phone, r.contact_email, r.logo, c.redirect_uris, c.grant_types, c.created_at
            from clients c join app_registrations r on r.client_id = c.id
            where c.status = 'pending' and (cast(@before as timestamptz) is null or c.created_at < cast(@before as timestamptz))
            order by c.created_at, c.id limit @limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<PendingRegistration>(sql, new { before = registeredBefore?.UtcDateTime, limit })).AsList();
    }
}
