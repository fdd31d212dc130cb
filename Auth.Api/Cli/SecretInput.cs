namespace Auth.Api.Cli;

/// <summary>
/// Secrets and passwords come from standard input or a file, never from an argument: arguments show
/// in the process list and the shell history.
/// </summary>
public static class SecretInput
{
    /// <summary>The first line of stdin (with <paramref name="fromStdin"/>) or of the file, trimmed of its line end; null if neither is asked for.</summary>
    public static string? Read(bool fromStdin, string? file, string stdinOption, string fileOption)
    {
        if (fromStdin && file is not null)
            throw new CliException($"Give {stdinOption} or {fileOption}, not both.");
        string? line;
        if (fromStdin)
            line = Console.In.ReadLine();
        else if (file is not null)
        {
            try
            {
                line = File.ReadLines(file).FirstOrDefault();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{fileOption}: cannot read {file}.");
            }
        }
        else
            return null;
        if (string.IsNullOrEmpty(line))
            throw new CliException(fromStdin ? $"{stdinOption}: nothing on standard input." : $"{fileOption}: {file} is empty.");
        return line;
    }
}
