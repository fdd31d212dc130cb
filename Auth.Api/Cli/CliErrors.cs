namespace Auth.Api.Cli;

/// <summary>A usage error found after parsing (a bad value, a missing input): exit 2.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>A well-formed request the service refuses (no such client, a taken id): exit 1.</summary>
public sealed class CliRefusal(string message) : Exception(message);

/// <summary>The exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
