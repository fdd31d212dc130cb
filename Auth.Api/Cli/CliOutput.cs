using System.Text;
using System.Text.Json;

namespace Auth.Api.Cli;

/// <summary>
/// A command's result on stdout: indented JSON for scripts, or a table for people (a list as rows
/// and columns, an object as field and value; lists in a cell are comma separated).
/// </summary>
public static class CliOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(TextWriter writer, object result, OutputFormat format)
    {
        var element = result is JsonElement e ? e : JsonSerializer.SerializeToElement(result, Json);
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(element, Json));
            return;
        }
        writer.Write(Table(element));
    }

    public static string Table(JsonElement element)
    {
        // Note: a list wrapped in an object ({"clients": [...]}) is shown as its list.
        if (element.ValueKind == JsonValueKind.Object && element.EnumerateObject().ToList() is [{ Value.ValueKind: JsonValueKind.Array } only])
            element = only.Value;
        if (element.ValueKind == JsonValueKind.Array)
        {
            var rows = element.EnumerateArray().ToList();
            if (rows.Count == 0)
                return "(none)\n";
            if (rows.All(r => r.ValueKind == JsonValueKind.Object))
            {
                var columns = rows.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
                var cells = rows.Select(r => columns.Select(c => r.TryGetProperty(c, out var v) ? Cell(v) : "").ToArray()).ToList();
                return Grid([columns.Select(c => c.ToUpperInvariant()).ToArray(), .. cells]);
            }
            return string.Join("\n", rows.Select(Cell)) + "\n";
        }
        if (element.ValueKind == JsonValueKind.Object)
        {
            // Note: an object holding lists of objects ({"total": 2, "clients": [...]}) shows its fields, then each list as a table.
            var (lists, fields) = element.EnumerateObject().ToList().Partition(p =>
                p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 && p.Value.EnumerateArray().All(r => r.ValueKind == JsonValueKind.Object));
            var text = fields.Count > 0 ? Grid(fields.Select(p => new[] { p.Name, Cell(p.Value) }).ToList()) : "";
            foreach (var list in lists)
                text += $"\n{Table(list.Value)}";
            return text;
        }
        return Cell(element) + "\n";
    }

    private static (List<T> Yes, List<T> No) Partition<T>(this List<T> items, Func<T, bool> test) =>
        (items.Where(test).ToList(), items.Where(i => !test(i)).ToList());

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Cell)),
        _ => value.GetRawText(),
    };

    private static string Grid(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        return text.ToString();
    }
}
