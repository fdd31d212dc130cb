using FluentValidation.Results;

namespace Auth.Api.Admin.Envelope;

/// <summary>Turns FluentValidation failures into errors keyed by the field's JSON name (<c>contactInfo.email</c>).</summary>
public static class FieldErrors
{
    public static IReadOnlyDictionary<string, string[]> From(ValidationResult result) =>
        result.Errors
            .GroupBy(e => JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    /// <summary>The camelCase JSON path of a property path: <c>ContactInfo.Email</c> becomes <c>contactInfo.email</c>.</summary>
    public static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(s => s.Length > 0 && char.IsUpper(s[0]) ? char.ToLowerInvariant(s[0]) + s[1..] : s));
}
