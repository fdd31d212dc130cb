using System.Text.Json;
using System.Xml;

namespace Auth.Api.Admin;

/// <summary>
/// Token lifetimes under the key names of Spring Authorization Server's <c>TokenSettings</c>, as
/// ISO-8601 durations (<c>"PT4H"</c>) or whole seconds. Other keys are accepted and ignored.
/// </summary>
public static class TokenSettings
{
    public const string AccessTokenTtl = "settings.token.access-token-time-to-live";
    public const string RefreshTokenTtl = "settings.token.refresh-token-time-to-live";
    public const string CodeTtl = "settings.token.authorization-code-time-to-live";

    public static readonly IReadOnlyList<string> Known = [AccessTokenTtl, RefreshTokenTtl, CodeTtl];

    private static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    /// <summary>The lifetime in whole seconds, or null if the value is not a positive duration of at most ten years.</summary>
    public static int? Seconds(JsonElement value)
    {
        TimeSpan? span = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var s) && s is > 0 and <= int.MaxValue => TimeSpan.FromSeconds(s),
            JsonValueKind.String => ParseDuration(value.GetString()!),
            _ => null,
        };
        return span is { } t && t >= TimeSpan.FromSeconds(1) && t <= Longest ? (int)t.TotalSeconds : null;
    }

    public static IReadOnlyDictionary<string, string> Describe(int accessSeconds, int refreshSeconds, int codeSeconds) => new Dictionary<string, string>
    {
        [AccessTokenTtl] = XmlConvert.ToString(TimeSpan.FromSeconds(accessSeconds)),
        [RefreshTokenTtl] = XmlConvert.ToString(TimeSpan.FromSeconds(refreshSeconds)),
        [CodeTtl] = XmlConvert.ToString(TimeSpan.FromSeconds(codeSeconds)),
    };

    private static TimeSpan? ParseDuration(string text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }
}
