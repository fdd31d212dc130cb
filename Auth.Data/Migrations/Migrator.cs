using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Auth.Data.Migrations;

public sealed record Migration(string Name, string Sql, string Checksum);

/// <summary>One migration's state in the journal; see <see cref="Migrator.StatusAsync"/>.</summary>
public sealed record MigrationStatus(string Name, string State, DateTime? AppliedAt)
{
    public const string Applied = "applied";
    public const string Pending = "pending";
    public const string Changed = "changed";
    public const string Unknown = "unknown";
}

public sealed class MigrationChecksumException(string name)
    : Exception($"Migration {name} was changed after it was applied; restore the applied file and add a new migration instead.");

/// <summary>Raised instead of migrating a server in recovery, whose writes would fail midway.</summary>
public sealed class MigrationOnStandbyException()
    : InvalidOperationException("The database server is a standby (in recovery): run migrate against the primary, e.g. with Target Session Attributes=read-write.");

/// <summary>
/// Applies the numbered SQL files of <c>db/migrations</c> (embedded in this assembly) in order,
/// each once, in its own transaction, under an advisory lock so concurrent runs apply nothing twice.
/// The lock is held across transactions, so the data source must reach PostgreSQL directly (not
/// through a transaction-pooling PgBouncer): the service gives it the listen connection string.
/// </summary>
/// <param name="migrations">The migrations to know of; all embedded ones unless given (tests apply a prefix).</param>
public sealed class Migrator(NpgsqlDataSource dataSource, IReadOnlyList<Migration>? migrations = null)
{
    private readonly IReadOnlyList<Migration> _migrations = migrations ?? All;

    // Note: an arbitrary constant shared by every instance; it only needs to be unique within this database.
    private const long AdvisoryLockKey = 0x4155_5448_4D49_47; // "AUTHMIG"

    private const string CreateJournal = """
        create table if not exists schema_migrations (
            name        text primary key,
            checksum    text not null,
            applied_at  timestamptz not null default now()
        )
        """;

    public static IReadOnlyList<Migration> All { get; } = LoadEmbedded();

    /// <summary>Applies every pending migration and returns the names applied; throws if an applied file changed.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await connection.ExecuteScalarAsync<bool>("select pg_is_in_recovery()"))
            throw new MigrationOnStandbyException();
        await connection.ExecuteAsync("select pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync(CreateJournal);
            var applied = new List<string>();
            foreach (var migration in await PendingAsync(connection))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(migration.Sql, transaction: tx);
                await connection.ExecuteAsync(
                    "insert into schema_migrations (name, checksum) values (@Name, @Checksum)",
                    new { migration.Name, migration.Checksum }, tx);
                await tx.CommitAsync(ct);
                applied.Add(migration.Name);
            }
            return applied;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        }
    }

    /// <summary>The migrations not yet applied; throws if an applied file changed.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>("select to_regclass('schema_migrations') is not null");
        return exists ? await PendingAsync(connection) : _migrations;
    }

    /// <summary>
    /// Every migration this binary knows, with its state (<c>applied</c>, <c>pending</c>, or <c>changed</c>:
    /// applied from a different file), and any applied name this binary does not know (<c>unknown</c>: a newer binary's).
    /// Never throws for a changed file: this is how an operator finds it.
    /// </summary>
    public async Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>("select to_regclass('schema_migrations') is not null");
        var applied = exists
            ? (await connection.QueryAsync<(string Name, string Checksum, DateTime AppliedAt)>("select name, checksum, applied_at from schema_migrations"))
                .ToDictionary(r => r.Name)
            : [];
        var known = _migrations.Select(m => applied.TryGetValue(m.Name, out var row)
            ? new MigrationStatus(m.Name, row.Checksum == m.Checksum ? MigrationStatus.Applied : MigrationStatus.Changed, row.AppliedAt)
            : new MigrationStatus(m.Name, MigrationStatus.Pending, null));
        var unknown = applied.Values.Where(r => _migrations.All(m => m.Name != r.Name))
            .Select(r => new MigrationStatus(r.Name, MigrationStatus.Unknown, r.AppliedAt));
        return known.Concat(unknown).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    private async Task<IReadOnlyList<Migration>> PendingAsync(NpgsqlConnection connection)
    {
        var applied = (await connection.QueryAsync<(string Name, string Checksum)>("select name, checksum from schema_migrations"))
            .ToDictionary(r => r.Name, r => r.Checksum);
        foreach (var migration in _migrations)
        {
            if (applied.TryGetValue(migration.Name, out var checksum) && checksum != migration.Checksum)
                throw new MigrationChecksumException(migration.Name);
        }
        return _migrations.Where(m => !applied.ContainsKey(m.Name)).ToArray();
    }

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))
            .ToArray();
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(Path.GetFileNameWithoutExtension(resource["migrations/".Length..]), sql, checksum);
    }
}
