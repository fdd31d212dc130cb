using Auth.Tests.Infrastructure;

namespace Auth.Tests.Docs;

/// <summary>deploy/auth.service is a valid unit (systemd-analyze verify, no warning) that runs the published binary.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string Unit = RepositoryFiles.PathOf("deploy", "auth.service");

    [Fact]
    public async Task TheUnit_PassesSystemdAnalyzeVerify_WithNoWarning()
    {
        var verify = await ExternalTool.RunAsync("systemd-analyze", ["verify", Unit],
            "checking deploy/auth.service needs systemd-analyze: apt-get install systemd", TimeSpan.FromMinutes(1));

        Assert.True(verify.ExitCode == 0 && verify.Stderr.Trim().Length == 0 && verify.Stdout.Trim().Length == 0,
            $"systemd-analyze verify exited {verify.ExitCode}:\n{verify.Stdout}{verify.Stderr}");
    }

    [Fact]
    public void TheUnit_RunsTheBinaryInItsFolder_AsItsOwnUser_WithTheProductionSettings()
    {
        var lines = File.ReadAllLines(Unit).Select(l => l.Trim()).ToList();

        Assert.Contains("ExecStart=/usr/bin/dotnet /opt/auth/Auth.Api.dll", lines);
        Assert.Contains("WorkingDirectory=/opt/auth", lines);
        Assert.Contains("User=auth", lines);
        Assert.Contains("Environment=ASPNETCORE_ENVIRONMENT=Production", lines);
        Assert.True(File.Exists(RepositoryFiles.PathOf("deploy", "appsettings.Production.json")));
    }
}
