using Auth.Api.Housekeeping;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Housekeeping;

/// <summary>A fixture that sweeps every second, in small batches.</summary>
public sealed class FastSweepApp : AuthApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Auth:Housekeeping:IntervalSeconds", "1"),
        new("Auth:Housekeeping:BatchSize", "2"),
        new("Auth:Housekeeping:GraceSeconds", "0"),
    ];
}

public sealed class HousekeepingTests(FastSweepApp app) : IClassFixture<FastSweepApp>
{
    private const string SeedSql = """
        insert into token_families (id, client_id, user_id, expires_at) values (@expiredFamily, @clientId, @userId, now() - interval '1 day');
        insert into token_families (id, client_id, user_id, expires_at) values (@liveFamily, @clientId, @userId, now() + interval '1 day');
        insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at)
            select decode(md5(@tag || 'x' || i), 'hex'), @expiredFamily, @clientId, @userId, 'profile', now() - interval '1 hour' from generate_series(1, 5) i;
        insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at)
            select decode(md5(@tag || 'y' || i), 'hex'), @liveFamily, @clientId, @userId, 'profile', now() - interval '1 hour' from generate_series(1, 3) i;
        insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at)
            values (decode(md5(@tag || 'live'), 'hex'), @liveFamily, @clientId, @userId, 'profile', now() + interval '1 day');
        insert into revoked_access_tokens (jti, client_id, expires_at)
            select gen_random_uuid(), @clientId, now() - interval '1 hour' from generate_series(1, 7);
        insert into revoked_access_tokens (jti, client_id, expires_at) values (@liveJti, @clientId, now() + interval '1 hour');
        insert into authorization_codes (code_hash, client_id, user_id, redirect_uri, scope, expires_at)
            select decode(md5(@tag || 'c' || i), 'hex'), @clientId, @userId, 'https://app.example/callback', 'profile', now() - interval '1 hour'
            from generate_series(1, 3) i;
        insert into authorization_codes (code_hash, client_id, user_id, redirect_uri, scope, expires_at)
            values (decode(md5(@tag || 'live'), 'hex'), @clientId, @userId, 'https://app.example/callback', 'profile', now() + interval '5 minutes');
        """;

    private async Task<(Guid ExpiredFamily, Guid LiveFamily, Guid LiveJti, string ClientId)> SeedAsync()
    {
        var (clientId, _) = await app.AddStandardClientAsync();
        var userId = await app.AddUserAsync($"hk-{Guid.NewGuid():N}"[..12], "a password");
        var seed = (ExpiredFamily: Guid.NewGuid(), LiveFamily: Guid.NewGuid(), LiveJti: Guid.NewGuid(), ClientId: clientId);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.ExecuteAsync(SeedSql, new
        {
            clientId, userId, tag = Guid.NewGuid().ToString(),
            expiredFamily = seed.ExpiredFamily, liveFamily = seed.LiveFamily, liveJti = seed.LiveJti,
        });
        return seed;
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    [Fact]
    public async Task Sweep_DeletesExpiredRowsInBatchesAndKeepsLiveOnes()
    {
        var seed = await SeedAsync();

        // Two sweeps at once (one holds the lock, the other skips), then one more: the result is the same.
        await Task.WhenAll(app.Service<ExpiredTokenSweeper>().SweepOnceAsync(), app.Service<ExpiredTokenSweeper>().SweepOnceAsync());
        await app.Service<ExpiredTokenSweeper>().SweepOnceAsync();

        var p = new { seed.ClientId, seed.ExpiredFamily, seed.LiveFamily, seed.LiveJti };
        Assert.Equal(0, await CountAsync("select count(*) from token_families where id = @ExpiredFamily", p));
        Assert.Equal(1, await CountAsync("select count(*) from token_families where id = @LiveFamily", p));
        Assert.Equal(1, await CountAsync("select count(*) from refresh_tokens where client_id = @ClientId", p));
        Assert.Equal(1, await CountAsync("select count(*) from revoked_access_tokens where client_id = @ClientId", p));
        Assert.Equal(1, await CountAsync("select count(*) from revoked_access_tokens where jti = @LiveJti", p));
        Assert.Equal(1, await CountAsync("select count(*) from authorization_codes where client_id = @ClientId", p));
    }

    [Fact]
    public async Task BackgroundSweeper_OnItsInterval_RemovesExpiredRevocations()
    {
        var seed = await SeedAsync();
        _ = app.Server; // starts the host and its hosted services

        long left = -1;
        for (var attempt = 0; attempt < 120 && left != 1; attempt++)
        {
            await Task.Delay(250);
            left = await CountAsync("select count(*) from revoked_access_tokens where client_id = @ClientId", new { seed.ClientId });
        }

        Assert.Equal(1, left);
    }
}
