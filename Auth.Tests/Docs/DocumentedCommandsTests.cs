using Auth.Api.Cli;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.DevTools.Launcher;
using Auth.Tests.Infrastructure;
using Npgsql;

namespace Auth.Tests.Docs;

/// <summary>
/// Every runnable shell block of README.md and docs/*.md, run with bash against a test instance of the
/// real binary: <c>Auth.Api</c> is the test build's binary, <c>http://127.0.0.1:5080</c> the instance's
/// address, <c>demo-client:SECRET</c>, <c>demo-admin:SECRET</c> and <c>password=PASSWORD</c> the demo
/// credentials that <c>dev</c> would print, and the libpq variables (<c>PGHOST</c>...) name its database.
/// </summary>
public sealed class DocumentedCommandsTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string DocumentedUrl = "http://127.0.0.1:5080";

    [Fact]
    public async Task EveryRunnableBlock_Succeeds_AndEveryPageWithCommandsHasSomeThatRun()
    {
        var blocks = RepositoryFiles.MarkdownPages().SelectMany(MarkdownBlocks.ShellBlocks).ToList();
        var (demoSecret, adminSecret, password) = await SeedDemoAsync();
        await using var service = await ServiceProcess.StartAsync(app.ConnectionString);
        var work = Directory.CreateTempSubdirectory("auth-docs-");
        foreach (var folder in new[] { "db", "deploy", "docs" })
            File.CreateSymbolicLink(Path.Combine(work.FullName, folder), RepositoryFiles.PathOf(folder));

        var failures = new List<string>();
        foreach (var block in blocks.Where(b => b.Runs))
        {
            var script = block.Text.Replace(DocumentedUrl, service.Url)
                .Replace("demo-client:SECRET", $"{DevBanner.DemoClientId}:{demoSecret}")
                .Replace("demo-admin:SECRET", $"{DevBanner.AdminClientId}:{adminSecret}")
                .Replace("password=PASSWORD", $"password={password}");
            var run = await ExternalTool.RunAsync("bash", ["-c", Prelude + script], "the documented commands run in bash", TimeSpan.FromMinutes(2),
                workingDirectory: work.FullName, environment: Environment(service.Url));
            if (run.ExitCode != 0)
                failures.Add($"{block} exited {run.ExitCode}:\n{Tail(run.Stdout)}\n{Tail(run.Stderr)}");
        }
        work.Delete(recursive: true);

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(blocks.Count(b => b.Runs) >= 15, $"only {blocks.Count(b => b.Runs)} blocks run");
        var pagesWithoutARunnableBlock = blocks.GroupBy(b => b.Page).Where(g => !g.Any(b => b.Runs) && !NoRunPages.Contains(Path.GetFileName(g.Key)));
        Assert.Empty(pagesWithoutARunnableBlock.Select(g => g.Key));
    }

    [Fact]
    public void NoRunBlocks_AreMarkedInTheFence_AndPlainShellBlocksAreNotSkipped()
    {
        var blocks = RepositoryFiles.MarkdownPages().SelectMany(MarkdownBlocks.ShellBlocks).ToList();

        Assert.Contains(blocks, b => !b.Runs);
        Assert.All(blocks.Where(b => b.Text.Contains("systemctl") || b.Text.Contains("apt-get install")), b => Assert.False(b.Runs, $"{b} needs root on a real host: mark it no-run"));
    }

    /// <summary>Pages whose every block needs what a test cannot give: a quiet machine (benchmarks) or a browser (FAPI walk-through).</summary>
    private static readonly HashSet<string> NoRunPages = ["BENCHMARKS.md", "FAPI.md"];

    private static readonly string Prelude = $$"""
        set -eo pipefail
        Auth.Api() { dotnet "$AUTH_API_DLL" "$@"; }

        """;

    private Dictionary<string, string> Environment(string url)
    {
        var db = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        return new Dictionary<string, string>
        {
            ["AUTH_API_DLL"] = Path.Combine(AppContext.BaseDirectory, "Auth.Api.dll"),
            ["ConnectionStrings__Auth"] = app.ConnectionString,
            // Note: the documented commands run as on a server, whose environment names its key-encryption key.
            [TestKeyEncryption.FileVariable] = TestKeyEncryption.File,
            ["PGHOST"] = db.Host!, ["PGPORT"] = db.Port.ToString(), ["PGUSER"] = db.Username!,
            ["PGPASSWORD"] = db.Password ?? "", ["PGDATABASE"] = db.Database!,
            ["AUTH_URL"] = url,
        };
    }

    /// <summary>What <c>dev</c> seeds: the demo client, the operator client and the demo user, with secrets the test knows.</summary>
    private async Task<(string Demo, string Admin, string Password)> SeedDemoAsync()
    {
        var demo = await app.AddClientAsync(DevEnvironment.DemoClient("http://127.0.0.1:5080") with { Secret = "demo-" + Guid.NewGuid().ToString("N") });
        var admin = await app.AddClientAsync(new NewClient
        {
            Id = DevBanner.AdminClientId, Secret = "admin-" + Guid.NewGuid().ToString("N"),
            GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["admin", "broker"],
        });
        var password = "pw-" + Guid.NewGuid().ToString("N")[..12];
        await app.AddUserAsync(DevBanner.DemoUsername, password);
        return (demo!, admin!, password);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
