using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Api.Admin.Envelope;

/// <summary>A boolean sent as JSON <c>true</c>/<c>false</c> or as the strings <c>"true"</c>/<c>"false"</c> (document 004 sends a string).</summary>
public sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.String when string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
        JsonTokenType.String when string.Equals(reader.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new JsonException("Expected true or false."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
            writer.WriteBooleanValue(b);
        else
            writer.WriteNullValue();
    }
}
