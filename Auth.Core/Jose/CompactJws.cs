using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Jose;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet trusted: the
/// header and payload as JSON objects, the signing input and the signature bytes.
/// </summary>
public sealed class CompactJws : IDisposable
{
    public const int MaxLength = 8192;

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    public JsonElement Header => _header.RootElement;
    public JsonElement Payload => _payload.RootElement;
    public byte[] SigningInput { get; }
    public byte[] Signature { get; }

    private CompactJws(JsonDocument header, JsonDocument payload, byte[] signingInput, byte[] signature)
    {
        (_header, _payload, SigningInput, Signature) = (header, payload, signingInput, signature);
    }

    /// <summary>The parts of <paramref name="text"/>, or null when it is not a compact JWS whose header and payload are JSON objects.</summary>
    public static CompactJws? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
            return null;
        var first = text.IndexOf('.');
        var second = first < 0 ? -1 : text.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == text.Length - 1 || text.IndexOf('.', second + 1) >= 0)
            return null;
        JsonDocument? header = null, payload = null;
        try
        {
            header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(text[..first]));
            payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(text[(first + 1)..second]));
            var signature = Base64UrlEncoder.DecodeBytes(text[(second + 1)..]);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException();
            return new CompactJws(header, payload, Encoding.ASCII.GetBytes(text, 0, second), signature);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            header?.Dispose();
            payload?.Dispose();
            return null;
        }
    }

    public string? HeaderText(string name) => Text(Header, name);

    public string? PayloadText(string name) => Text(Payload, name);

    /// <summary>A NumericDate claim (RFC 7519 §2) as a time, or null when absent or not a number.</summary>
    public DateTimeOffset? PayloadTime(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var seconds)
        && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
