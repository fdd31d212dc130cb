using System.Globalization;
using System.Text;
using Auth.Api.Authorize.Pages;

namespace Auth.Api.OperatorConsole;

/// <summary>
/// Accessible form parts of the console and connected-apps pages: every field has a label tied to it, and
/// an error is tied to its field (<c>aria-describedby</c>, <c>aria-invalid</c>) as WCAG 2.1 SC 3.3.1 asks.
/// </summary>
public static class PageParts
{
    public static string E(string? text) => Html.Encode(text);

    public static string Id(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (var c in name)
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return id.ToString();
    }

    /// <summary>A labelled input; <paramref name="errors"/> keyed by field name.</summary>
    public static string Field(string name, string label, string? value, IReadOnlyDictionary<string, string[]>? errors,
        string type = "text", string? hint = null, string? id = null, string extra = "")
    {
        id ??= Id(name);
        var (described, invalid, message) = Describe(id, name, errors, hint);
        return $"""
            <div><label for="{id}">{E(label)}</label>
            <input id="{id}" name="{E(name)}" type="{type}" value="{E(value)}"{described}{invalid}{extra}>
            {message}</div>
            """;
    }

    public static string TextArea(string name, string label, string? value, IReadOnlyDictionary<string, string[]>? errors, string? hint = null, string? id = null)
    {
        id ??= Id(name);
        var (described, invalid, message) = Describe(id, name, errors, hint);
        return $"""
            <div><label for="{id}">{E(label)}</label>
            <textarea id="{id}" name="{E(name)}"{described}{invalid}>{E(value)}</textarea>
            {message}</div>
            """;
    }

    /// <summary>A group of checkboxes in a fieldset whose legend names it; an error is tied to every box.</summary>
    public static string Checkboxes(string name, string legend, IEnumerable<string> options, IReadOnlyCollection<string> chosen, IReadOnlyDictionary<string, string[]>? errors)
    {
        var id = Id(name);
        var (described, invalid, message) = Describe(id, name, errors, null);
        var boxes = string.Concat(options.Select(option => $"""
            <label class="check"><input type="checkbox" name="{E(name)}" value="{E(option)}"{(chosen.Contains(option) ? " checked" : "")}{described}{invalid}> {E(option)}</label>
            """));
        return $"""<fieldset><legend>{E(legend)}</legend>{boxes}{message}</fieldset>""";
    }

    public static string Hidden(string name, string value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""";

    public static string Alert(string? message) => message is null ? "" : $"""<div class="alert" role="alert">{E(message)}</div>""";

    public static string Ok(string? message) => message is null ? "" : $"""<div class="ok" role="status">{E(message)}</div>""";

    public static string List(IEnumerable<string> items) =>
        items.Any() ? "<ul>" + string.Concat(items.Select(i => $"<li>{E(i)}</li>")) + "</ul>" : "<span class=\"hint\">none</span>";

    public static string When(DateTime utc) => When(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A wait or an age in words: "2 d 3 h", "5 h 10 min", "12 min".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalMinutes} min";
    }

    private static (string Described, string Invalid, string Message) Describe(string id, string name, IReadOnlyDictionary<string, string[]>? errors, string? hint)
    {
        var messages = errors?.Where(e => ClientEditForm.FieldOf(e.Key) == name).SelectMany(e => e.Value).Distinct().ToList() ?? [];
        var ids = new List<string>();
        var html = new StringBuilder();
        if (hint is not null)
        {
            ids.Add($"{id}-hint");
            html.Append($"""<p class="hint" id="{id}-hint">{E(hint)}</p>""");
        }
        if (messages.Count > 0)
        {
            ids.Add($"{id}-error");
            html.Append($"""<p class="error" id="{id}-error">{E(string.Join(" ", messages))}</p>""");
        }
        return (ids.Count > 0 ? $" aria-describedby=\"{string.Join(' ', ids)}\"" : "", messages.Count > 0 ? " aria-invalid=\"true\"" : "", html.ToString());
    }
}
