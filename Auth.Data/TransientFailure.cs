using Npgsql;

namespace Auth.Data;

/// <summary>
/// Tells a database failure that retrying will cure (the server unreachable, restarting, failing
/// over, a pool exhausted) from a fault in the request or the code.
/// </summary>
public static class TransientFailure
{
    // Note: a connection that reached a server which is (still, or again) a standby.
    private const string ReadOnlySqlTransaction = "25006";

    /// <summary>
    /// A multi-host string that finds no host of the wanted kind (<c>Target Session Attributes</c>):
    /// every server down, or none promoted yet. Npgsql reports it without a transient inner exception.
    /// </summary>
    private static bool IsNoPrimaryFound(NpgsqlException e) =>
        e.TargetSite?.DeclaringType?.FullName?.StartsWith(typeof(NpgsqlMultiHostDataSource).FullName!, StringComparison.Ordinal) == true;

    public static bool IsTransient(Exception? fault)
    {
        for (var e = fault; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exception, 53: insufficient resources, 57P: shutdown or not yet accepting.
                    return pg.IsTransient || pg.SqlState == ReadOnlySqlTransaction
                        || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient || IsNoPrimaryFound(npgsql):
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
