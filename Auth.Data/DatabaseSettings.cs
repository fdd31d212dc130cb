namespace Auth.Data;

/// <summary>
/// Where the service reaches PostgreSQL. <see cref="Main"/> may name several hosts
/// (<c>Host=a,b;Target Session Attributes=read-write</c>) and may go through PgBouncer;
/// <see cref="Listen"/> must reach PostgreSQL directly, since LISTEN needs a session of its own;
/// <see cref="Read"/> may be a replica, for reads where a few seconds of staleness is harmless.
/// </summary>
/// <param name="AutoPrepare">
/// Npgsql's automatic preparation of hot statements; off by default, since a statement that fails on
/// the execution preparing it leaves its pooled connection out of step (issue 12). Never behind
/// PgBouncer in transaction mode before 1.21, where a prepared statement outlives its server connection.
/// </param>
public sealed record DatabaseSettings(string Main, string? Listen = null, string? Read = null, bool AutoPrepare = false)
{
    public string ListenConnectionString => string.IsNullOrWhiteSpace(Listen) ? Main : Listen;
    public string ReadConnectionString => string.IsNullOrWhiteSpace(Read) ? Main : Read;
}

/// <summary>Service keys of the data sources besides the main one (<c>[FromKeyedServices(DataSources.Read)]</c>).</summary>
public static class DataSources
{
    public const string Listen = "listen";
    public const string Read = "read";
}
