using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Auth.Api.Hosting;

/// <summary>
/// Whether request text is something PostgreSQL can store: well-formed UTF-8 (no lone surrogate, no
/// overlong form) without NUL, which <c>text</c> cannot hold (SQLSTATE 22021).
/// </summary>
public static class StorableText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A query string, a path or a form body as sent: percent-encoded, '+' as space in forms.</summary>
    public static bool IsStorableEncoded(string raw)
    {
        byte[] bytes;
        try
        {
            bytes = Strict.GetBytes(raw);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
        return IsStorableEncoded(bytes);
    }

    public static bool IsStorableEncoded(ReadOnlySpan<byte> raw)
    {
        var decoded = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                decoded[length++] = (byte)(Hex(raw[i + 1]) << 4 | Hex(raw[i + 2]));
                i += 2;
            }
            else
                decoded[length++] = raw[i];
        }
        return IsStorable(decoded.AsSpan(0, length));
    }

    public static bool IsStorable(ReadOnlySpan<byte> utf8) => !utf8.Contains((byte)0) && Utf8.IsValid(utf8);

    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return false;
        }
        return true;
    }

    /// <summary>
    /// False when a string or a property name of the JSON holds NUL or a lone surrogate (both only
    /// reachable through <c>\u</c> escapes); true for anything else, malformed JSON included, which
    /// the endpoint's own reader refuses in its own words.
    /// </summary>
    public static bool IsStorableJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                    continue;
                try
                {
                    if (reader.GetString()!.Contains('\0'))
                        return false;
                }
                catch (InvalidOperationException)
                {
                    // Note: System.Text.Json refuses to unescape a lone surrogate (\uD800) to a string.
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }
        return true;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
