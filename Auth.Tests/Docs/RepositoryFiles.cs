namespace Auth.Tests.Docs;

/// <summary>The repository's own files (docs, deploy/), found from the test binary's folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>README.md and every page of docs/ (not the seed documents, which are sources, not instructions).</summary>
    public static IEnumerable<string> MarkdownPages() =>
        new[] { PathOf("README.md") }.Concat(Directory.GetFiles(PathOf("docs"), "*.md").Order(StringComparer.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Auth.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Auth.sln above {AppContext.BaseDirectory}.");
    }
}
