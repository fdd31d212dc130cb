using System.Net.Sockets;
using Auth.Data.Migrations;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace Auth.Api.Cli;

/// <summary>
/// One line that says what went wrong and what to do, for a failure at startup or in a command:
/// no database configured, the database unreachable, authentication refused, a missing database,
/// pending or changed migrations, the port in use, a bad configuration value. Never the secret parts
/// of the connection string.
/// </summary>
public static class FailureMessage
{
    // SQLSTATE classes (PostgreSQL appendix A).
    private const string InvalidPassword = "28P01";
    private const string InvalidAuthorization = "28000";
    private const string InvalidCatalogName = "3D000";
    private const string UndefinedTable = "42P01";

    public static string Describe(Exception fault, string? connectionString)
    {
        var where = Where(connectionString);
        foreach (var e in Chain(fault))
        {
            switch (e)
            {
                case CliException or CliRefusal or StartupException or MigrationChecksumException or MigrationOnStandbyException:
                    return e.Message;
                case PostgresException { SqlState: InvalidPassword or InvalidAuthorization } pg:
                    return $"database authentication failed for user '{User(connectionString)}' at {where} ({pg.MessageText}); check the user and password of ConnectionStrings__Auth.";
                case PostgresException { SqlState: InvalidCatalogName } pg:
                    return $"database '{Database(connectionString)}' does not exist at {where}: create it (createdb), then run `Auth.Api migrate`.";
                case PostgresException { SqlState: UndefinedTable }:
                    return $"the database at {where} has no schema yet: run `Auth.Api migrate`.";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return $"database host '{Host(connectionString)}' not found (ConnectionStrings__Auth names {where}).";
                case SocketException socket:
                    return $"database unreachable at {where} ({socket.Message}); is PostgreSQL running there?";
                case IOException { InnerException: AddressInUseException } bind:
                    return $"cannot listen: {bind.Message.TrimEnd('.')}; another process holds the port (choose another with --urls).";
                case AddressInUseException inUse:
                    return $"cannot listen: {inUse.Message.TrimEnd('.')}; another process holds the port (choose another with --urls).";
                case NpgsqlException { InnerException: TimeoutException }:
                    return $"database unreachable at {where} (timed out); is PostgreSQL running there?";
                case ArgumentException argument when argument.StackTrace?.Contains("Npgsql") == true:
                    return $"bad configuration value: ConnectionStrings__Auth: {argument.Message}";
                case InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } config:
                    return $"bad configuration value: {config.Message}";
                case FormatException format:
                    return $"bad configuration value: {format.Message}";
            }
        }
        if (fault is NpgsqlException npgsql)
            return $"database error at {where}: {npgsql.Message}";
        return fault.Message;
    }

    private static IEnumerable<Exception> Chain(Exception fault)
    {
        for (var e = fault; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
        }
    }

    private static NpgsqlConnectionStringBuilder? Parse(string? connectionString)
    {
        try
        {
            return connectionString is null ? null : new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Where(string? connectionString) =>
        Parse(connectionString) is { } b ? $"{b.Host ?? "localhost"}:{b.Port}" : "(unknown host)";

    private static string? Host(string? connectionString) => Parse(connectionString)?.Host;
    private static string? User(string? connectionString) => Parse(connectionString)?.Username;
    private static string? Database(string? connectionString) => Parse(connectionString)?.Database;
}

/// <summary>The service cannot start as configured; its message is the whole story (one line, no stack trace).</summary>
public sealed class StartupException(string message) : Exception(message);
