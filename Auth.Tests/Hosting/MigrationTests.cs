using System.Diagnostics;
using Auth.Data;
using Auth.Data.Migrations;
using Auth.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Auth.Tests.Hosting;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_Twice_AppliesEveryFileOnce()
    {
        await using var dataSource = DataSetup.CreateDataSource(await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync());
        var migrator = new Migrator(dataSource);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(Migrator.All.Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Empty(await migrator.PendingAsync());
    }

    [Fact]
    public async Task Migrate_ConcurrentlyFromEmpty_AppliesEachFileExactlyOnce()
    {
        await using var dataSource = DataSetup.CreateDataSource(await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Migrator(dataSource).ApplyAsync())));

        Assert.Equal(Migrator.All.Select(m => m.Name).Order(), runs.SelectMany(r => r).Order());
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(Migrator.All.Count, await connection.ExecuteScalarAsync<int>("select count(*) from schema_migrations"));
    }

    public static TheoryData<int> EarlierVersions()
    {
        var data = new TheoryData<int>();
        for (var applied = 0; applied <= Migrator.All.Count; applied++)
            data.Add(applied);
        return data;
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task Migrate_TwiceConcurrently_FromEachEarlierVersion_EndsCurrent(int alreadyApplied)
    {
        await using var dataSource = DataSetup.CreateDataSource(await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync());
        await new Migrator(dataSource, Migrator.All.Take(alreadyApplied).ToArray()).ApplyAsync();

        var runs = await Task.WhenAll(Task.Run(() => new Migrator(dataSource).ApplyAsync()), Task.Run(() => new Migrator(dataSource).ApplyAsync()));

        Assert.Equal(Migrator.All.Skip(alreadyApplied).Select(m => m.Name).Order(), runs.SelectMany(r => r).Order());
        Assert.Empty(await new Migrator(dataSource).PendingAsync());
    }

    [Fact]
    public async Task Migrate_AfterAnAppliedFileChanged_Refuses()
    {
        await using var dataSource = DataSetup.CreateDataSource(await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync());
        var migrator = new Migrator(dataSource);
        await migrator.ApplyAsync();
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("update schema_migrations set checksum = 'edited' where name = @name", new { name = Migrator.All[0].Name });

        await Assert.ThrowsAsync<MigrationChecksumException>(() => migrator.ApplyAsync());
        await Assert.ThrowsAsync<MigrationChecksumException>(() => migrator.PendingAsync());
    }

    [Fact]
    public async Task MigrationFiles_ApplyInOrderWithPlainPsql()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateEmptyDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Path.Combine(RepositoryRoot(), "db", "migrations");

        foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            var start = new ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", builder.Host!, "-p", builder.Port.ToString(),
                "-U", builder.Username!, "-d", builder.Database!, "-f", file])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["PGPASSWORD"] = builder.Password;
            using var psql = Process.Start(start)!;
            var errors = await psql.StandardError.ReadToEndAsync();
            await psql.WaitForExitAsync();
            Assert.True(psql.ExitCode == 0, $"{Path.GetFileName(file)}: {errors}");
        }
        Assert.Equal(Migrator.All.Count, Directory.GetFiles(folder, "*.sql").Length);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Auth.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Auth.sln not found above the test binaries.");
    }
}
