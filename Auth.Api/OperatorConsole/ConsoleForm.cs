using Auth.Api.Authorize;
using Auth.Api.Authorize.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;

namespace Auth.Api.OperatorConsole;

/// <summary>A posted console form: its fields, read once, and the page's next anti-forgery token.</summary>
public sealed class ConsoleForm(IFormCollection form)
{
    public static async Task<ConsoleForm> ReadAsync(HttpRequest request) =>
        new(request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty);

    /// <summary>The field's one value, or null when it is absent, empty or repeated.</summary>
    public string? Single(string name) => Single(form[name]);

    /// <summary>The field's value as given (empty when absent), for text the operator may clear.</summary>
    public string Text(string name) => form[name] is { Count: 1 } v ? v[0] ?? "" : "";

    /// <summary>Every value of a repeated field (checkboxes).</summary>
    public List<string> All(string name) => form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    /// <summary>One item per line, or per space and comma: the text areas and lists of the edit form.</summary>
    public List<string> Lines(string name) =>
        Text(name).Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string? Single(StringValues values) => values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public static AuthorizePages.FormToken Token(HttpContext http) =>
        AuthorizeEndpoints.FormToken(http, http.RequestServices.GetRequiredService<IAntiforgery>());
}
