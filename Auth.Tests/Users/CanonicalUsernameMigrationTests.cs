using Auth.Data;
using Auth.Data.Migrations;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Users;

public sealed class CanonicalUsernameMigrationTests
{
    private static readonly Migration[] BeforeCanonical = Migrator.All.TakeWhile(m => !m.Name.StartsWith("0006")).ToArray();

    private static async Task<NpgsqlDataSource> DatabaseBeforeCanonicalAsync(params string[] usernames)
    {
        var dataSource = DataSetup.CreateDataSource(await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync());
        await new Migrator(dataSource, BeforeCanonical).ApplyAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var username in usernames)
            await connection.ExecuteAsync("insert into users (id, username, password_hash) values (gen_random_uuid(), @username, 'x')", new { username });
        return dataSource;
    }

    [Fact]
    public async Task Migration_RewritesUsernamesToTheCanonicalForm()
    {
        await using var dataSource = await DatabaseBeforeCanonicalAsync(" Alice ", "ｃａｒｏｌ", "dave");

        await new Migrator(dataSource).ApplyAsync();

        await using var connection = await dataSource.OpenConnectionAsync();
        var names = (await connection.QueryAsync<string>("select username from users order by username")).ToArray();
        Assert.Equal(["alice", "carol", "dave"], names);
        Assert.All(names, n => Assert.Equal(Auth.Core.Users.Usernames.Canonical(n), n));
    }

    [Fact]
    public async Task Migration_WhenTwoUsersCollide_RefusesAndNamesThem()
    {
        await using var dataSource = await DatabaseBeforeCanonicalAsync("Bob", "ＢＯＢ", "erin");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => new Migrator(dataSource).ApplyAsync());

        Assert.Contains("collide", refused.MessageText);
        Assert.Contains("'Bob'", refused.MessageText);
        Assert.Contains("'ＢＯＢ'", refused.MessageText);
        Assert.DoesNotContain("erin", refused.MessageText);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from users where username in ('Bob', 'ＢＯＢ')"));
    }
}

public sealed class AttemptSweepTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Fact]
    public async Task Sweep_RemovesUnlockedCountersOlderThanTheirWindow_KeepsLockedAndRecentOnes()
    {
        await using var dataSource = DataSetup.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into password_attempts (username, source, failures, window_start, locked_until, updated_at) values
                ('stale', 'page 10.0.0.1', 3, now() - interval '1 day', null, now() - interval '1 day'),
                ('stale', '', 3, now() - interval '1 day', null, now() - interval '1 day'),
                ('lock-over', 'page 10.0.0.1', 0, now() - interval '1 day', now() - interval '20 hours', now() - interval '1 day'),
                ('locked', 'page 10.0.0.1', 0, now() - interval '1 day', now() + interval '1 hour', now() - interval '1 day'),
                ('recent', 'page 10.0.0.1', 2, now(), null, now())
            """);

        var counts = await app.Service<Auth.Api.Housekeeping.ExpiredTokenSweeper>().SweepOnceAsync();

        Assert.Equal(3, counts!.PasswordAttempts);
        var left = (await connection.QueryAsync<string>("select username from password_attempts order by username")).ToArray();
        Assert.Equal(["locked", "recent"], left);
    }
}
