namespace Auth.Core.Security;

/// <summary>
/// Whether a string could be one of our opaque tokens (<see cref="RandomTokens.New"/>: 32 bytes,
/// base64url, 43 characters), so that garbage never costs a database lookup.
/// </summary>
public static class OpaqueTokenShape
{
    public const int Length = 43;

    public static bool Matches(string value) =>
        value.Length == Length && value.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');
}
