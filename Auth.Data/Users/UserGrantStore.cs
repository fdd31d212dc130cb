using Dapper;
using Npgsql;

namespace Auth.Data.Users;

/// <summary>
/// An app holding a live grant of a user: every unrevoked, unexpired token family of that user and
/// client together. <see cref="Scopes"/> are those of the families' current refresh tokens;
/// <see cref="LastUsedAt"/> is when a token was last issued under it.
/// </summary>
public sealed class UserGrant
{
    public string ClientId { get; init; } = "";
    public string ClientName { get; init; } = "";
    public string? CompanyName { get; init; }
    public string? HomepageUrl { get; init; }
    public string[] Scopes { get; init; } = [];
    public DateTime GrantedAt { get; init; }
    public DateTime LastUsedAt { get; init; }
    public int Families { get; init; }
}

/// <summary>The grants users hold: their live token families by client (revoked through <see cref="Tokens.TokenStateStore.RevokeUserGrantAsync"/>).</summary>
public sealed class UserGrantStore(NpgsqlDataSource dataSource)
{
    /// <summary>The user's live grants, one per app, most recently used first.</summary>
    public async Task<IReadOnlyList<UserGrant>> ListAsync(Guid userId, DateTimeOffset now)
    {
        const string sql = """
            select f.client_id, c.name as client_name, r.company_name, r.homepage_url,
                   coalesce(array_agg(distinct s.scope order by s.scope) filter (where s.scope is not null), '{}') as scopes,
                   min(f.created_at) as granted_at,
                   max(greatest(f.created_at, t.last_issued)) as last_used_at,
                   count(distinct f.id)::int as families
            from token_families f
            join clients c on c.id = f.client_id
            left join app_registrations r on r.client_id = f.client_id
            left join lateral (select max(created_at) as last_issued from refresh_tokens where family_id = f.id) t on true
            left join lateral (
                select unnest(string_to_array(rt.scope, ' ')) as scope
                from refresh_tokens rt where rt.family_id = f.id and rt.consumed_at is null
            ) s on true
            where f.user_id = @userId and f.revoked_at is null and f.expires_at > @now
            group by f.client_id, c.name, r.company_name, r.homepage_url
            order by last_used_at desc, f.client_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<UserGrant>(sql, new { userId, now = now.UtcDateTime })).AsList();
    }
}
