using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.Broker;

/// <summary>The body of a broker POST: form-encoded or a JSON object of strings (or numbers: <c>scope</c> is "string/numeric").</summary>
public sealed class BrokerBody
{
    public const int MaxBodyBytes = 64 * 1024;
    private readonly Dictionary<string, string> _values;

    private BrokerBody(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The body, or null when it is neither a form nor a JSON object, or too large.</summary>
    public static async Task<BrokerBody?> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
            return null;
        try
        {
            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return null;
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var value = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.Null => "",
                        _ => null,
                    };
                    if (value is null || !values.TryAdd(property.Name, value))
                        return null;
                }
                return new BrokerBody(values);
            }
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                if (form.Any(f => f.Value.Count > 1))
                    return null;
                return new BrokerBody(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
        return null;
    }
}
