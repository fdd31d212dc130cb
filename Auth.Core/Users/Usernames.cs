using System.Text;

namespace Auth.Core.Users;

/// <summary>
/// The one canonical form of a username, used alike for storage, lookup and every attempt
/// counter, so no spelling of a name (case, fullwidth, ligature) gets a lookup or counter of its own.
/// </summary>
public static class Usernames
{
    public const int MaxLength = 256;

    /// <summary>
    /// False when the runtime cannot normalize non-ASCII text (globalization-invariant mode, or no
    /// ICU): then fullwidth and other compatibility spellings would escape the canonical form.
    /// </summary>
    public static bool NormalizationWorks => Canonical("\uFF56") == "v";

    /// <summary>
    /// Trimmed, Unicode NFKC, then invariant lower case (normalized again, as lowering can
    /// un-normalize); null when the name is empty, longer than <see cref="MaxLength"/> or holds a
    /// control or unpaired surrogate character, which no stored user can have.
    /// </summary>
    public static string? Canonical(string username)
    {
        if (username.Length > MaxLength || username.Any(char.IsControl))
            return null;
        string folded;
        try
        {
            folded = username.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null; // Note: Normalize throws on unpaired surrogates.
        }
        if (folded.Length is 0 or > MaxLength || folded.Any(char.IsControl))
            return null;
        return folded;
    }
}
