using System.Text.RegularExpressions;

namespace Auth.Tests.Docs;

/// <summary>
/// The shell blocks of a markdown page: fences <c>```sh</c> (or <c>bash</c>, <c>shell</c>) run in the
/// documented-commands test; <c>```sh no-run</c> marks a block shown but not run (systemctl, apt-get,
/// benchmarks, a browser step, a usage synopsis).
/// </summary>
internal static partial class MarkdownBlocks
{
    public const string NoRun = "no-run";

    public sealed record Block(string Page, int Line, string Info, string Text)
    {
        public bool Runs => !Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(NoRun);
        public override string ToString() => $"{Path.GetFileName(Page)}:{Line}";
    }

    public static IEnumerable<Block> ShellBlocks(string page)
    {
        var lines = File.ReadAllLines(page);
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
                continue;
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                body.Add(lines[i]);
            var info = open.Groups["info"].Value.Trim();
            if (Shells.Contains(info.Split(' ')[0]))
                yield return new Block(page, start + 1, info, string.Join('\n', body));
        }
    }

    private static readonly HashSet<string> Shells = ["sh", "bash", "shell"];

    [GeneratedRegex(@"^```(?<info>\S.*)$")]
    private static partial Regex Fence();
}
