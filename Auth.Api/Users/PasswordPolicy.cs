namespace Auth.Api.Users;

/// <summary>
/// What an operator may set as a user's password (<c>user add</c>, <c>user set-password</c>): at least
/// <see cref="MinLength"/> characters, not the username, and not in the shipped list of common passwords
/// (NIST SP 800-63B §5.1.1.2: check against values known to be commonly used).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 1024;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string password, string username)
    {
        // Note: length in text elements would be kinder to combining marks; code points are what NIST counts.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
            return $"the password must be at least {MinLength} characters (it has {length}).";
        if (length > MaxLength)
            return $"the password must be at most {MaxLength} characters.";
        if (string.Equals(password.Trim(), username.Trim(), StringComparison.OrdinalIgnoreCase))
            return "the password must not be the username.";
        if (Common.Value.Contains(password.Trim()))
            return "the password is in the list of commonly used passwords; choose another.";
        return null;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#'))
                words.Add(line);
        return words;
    }
}
