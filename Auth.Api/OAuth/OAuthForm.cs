using System.Text;
using Auth.Core.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.OAuth;

/// <summary>
/// The parameters of a form-encoded OAuth request, read strictly: names are case-sensitive,
/// a repeated name is an error, an empty value counts as absent (RFC 6749 §3.1, §3.2).
/// </summary>
public sealed class OAuthForm
{
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxParameters = 32;

    /// <summary>The registry document's clients send these capitalised (seed 001).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["Username"] = Parameters.Username,
        ["Password"] = Parameters.Password,
    };

    private readonly Dictionary<string, string> _values;

    private OAuthForm(Dictionary<string, string> values) => _values = values;

    /// <summary>No parameters: a request that sent no body.</summary>
    public static OAuthForm Empty() => new(new Dictionary<string, string>(StringComparer.Ordinal));

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Every parameter given, by name.</summary>
    public IReadOnlyDictionary<string, string> All => _values;

    public static async Task<Outcome<OAuthForm>> ReadAsync(HttpRequest request)
    {
        // Reject bodies that are not application/x-www-form-urlencoded (RFC 6749 §4.1.3, §3.2).
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return OAuthError.InvalidRequest("The request body must be application/x-www-form-urlencoded.");

        // Reject oversized bodies before reading them.
        if (request.ContentLength > MaxBodyBytes)
            return OAuthError.InvalidRequest("The request body is too large.");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = new FormReader(request.Body, Encoding.UTF8)
            {
                KeyLengthLimit = 64,
                ValueLengthLimit = MaxBodyBytes,
            };
            var count = 0;
            while (await reader.ReadNextPairAsync(request.HttpContext.RequestAborted) is { } pair)
            {
                if (++count > MaxParameters)
                    return OAuthError.InvalidRequest("The request has too many parameters.");
                if (string.IsNullOrEmpty(pair.Value))
                    continue;
                // Reject NUL, which no parameter needs and PostgreSQL text cannot hold.
                if (pair.Value.Contains('\0') || pair.Key.Contains('\0'))
                    return OAuthError.InvalidRequest("The request contains a NUL character.");
                var name = Aliases.GetValueOrDefault(pair.Key, pair.Key);
                // Reject repeated parameters (RFC 6749 §3.1, §3.2).
                if (!values.TryAdd(name, pair.Value))
                    return OAuthError.InvalidRequest($"The parameter '{Printable(name)}' is repeated.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            return OAuthError.InvalidRequest("The request body is malformed or too large.");
        }
        return new OAuthForm(values);
    }

    private static string Printable(string name) => name.Length <= 64 && name.All(c => c is >= ' ' and <= '~') ? name : "?";
}
