using System.Text.Json;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.OpenApi;

/// <summary>The OpenAPI document passes Redocly's recommended rules with no error (warnings are allowed).</summary>
public sealed class OpenApiLintTests(AuthApp app) : IClassFixture<AuthApp>
{
    // Note: a version that installs from the npm registry here (1.34.21 does not; 2.77.0 and 1.34.20 do).
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    [Fact]
    public async Task TheDocument_PassesRedoclyRecommendedLint()
    {
        var file = Path.Combine(Path.GetTempPath(), $"auth-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var lint = await ExternalTool.RunAsync("npx", ["--yes", RedoclyCli, "lint", file, "--extends=recommended", "--format=json", "--max-problems=1000"],
                "the OpenAPI lint runs Redocly through npx: apt-get install nodejs npm", TimeSpan.FromMinutes(5),
                workingDirectory: Path.GetTempPath());

            var errors = Errors(lint.Stdout);
            Assert.True(lint.ExitCode == 0 && errors.Count == 0,
                $"redocly lint exited {lint.ExitCode} with {errors.Count} error(s):\n{string.Join('\n', errors)}\n{lint.Stderr}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> Errors(string stdout)
    {
        var start = stdout.IndexOf('{');
        if (start < 0)
            return [$"no JSON report: {stdout}"];
        using var report = JsonDocument.Parse(stdout[start..]);
        return report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .ToList();
    }
}
