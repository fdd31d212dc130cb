namespace Auth.Tests.Cli;

/// <summary>
/// The command line's own contract, before any database: help and version exit 0, a usage error exits 2
/// with one line of reason first on stderr, then the usage; nothing starts a server by mistake.
/// </summary>
public sealed class UsageTests
{
    private static Task<CliRun> RunAsync(params string[] args) => CliProcess.RunAsync(connectionString: null, stdin: null, args);

    public static TheoryData<string> CommandPaths() =>
    [
        "", "serve", "dev", "dev stop", "migrate", "client", "client add", "client list", "client show", "client disable", "client enable",
        "client delete", "client rotate-secret", "user", "user add", "user list", "user show", "user disable", "user enable", "user unlock",
        "user set-password", "user grant-role", "user revoke-role", "token", "token introspect", "token revoke", "keys", "keys list",
        "keys rotate", "perform", "perform client-credentials", "perform authorization-code",
    ];

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_OfEveryCommand_PrintsItsUsageAndExits0(string path)
    {
        var run = await RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains($"Auth.Api {path}".TrimEnd(), run.Stdout);
        Assert.Contains("Usage:", run.Stdout);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task ShortHelp_PrintsTheUsage(string flag)
    {
        var run = await RunAsync(flag);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Commands:", run.Stdout);
    }

    [Fact]
    public async Task Help_BeforeHostOptions_IsHelpNotAServer()
    {
        var run = await RunAsync("--help", "--urls", "http://127.0.0.1:5181");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Usage:", run.Stdout);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await RunAsync("--version");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Theory]
    [InlineData("frobnicate", "error: Unrecognized command or argument 'frobnicate'.")]
    [InlineData("help", "error: Unrecognized command or argument 'help'.")]
    [InlineData("client frobnicate", "error: Unrecognized command or argument 'frobnicate'.")]
    [InlineData("client", "error: 'Auth.Api client' needs a command: add, list, show, disable, enable, delete, rotate-secret.")]
    [InlineData("serve frobnicate", "error: Unrecognized command or argument 'frobnicate' (host settings are --Section:Key value).")]
    [InlineData("dev frobnicate", "error: Unrecognized command or argument 'frobnicate' (host settings are --Section:Key value).")]
    public async Task UnknownCommand_Exits2WithTheReasonFirst(string args, string firstLine)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal(firstLine, run.FirstErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task UnknownOption_Exits2AndSuggestsTheNearOne()
    {
        var run = await RunAsync("client", "add", "--id", "x", "--grants", "client_credentials", "--scope", "history");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("error: Unrecognized command or argument '--scope'. Did you mean --scopes?", run.FirstErrorLine);
        Assert.Contains("Usage:", run.Stderr);
    }

    [Theory]
    [InlineData("client add --grants client_credentials", "error: Option '--id' is required.")]
    [InlineData("client show", "error: Option '--id' is required.")]
    [InlineData("user set-password --password-stdin", "error: Option '--username' is required.")]
    [InlineData("perform client-credentials", "error: Option '--client-id' is required.")]
    public async Task MissingRequiredOption_Exits2NamingIt(string args, string firstLine)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal(firstLine, run.FirstErrorLine);
    }

    [Theory]
    [InlineData("client add --id x --grants client_credentials --access-token-ttl abc", "error: --access-token-ttl must be a positive whole number, not 'abc'.")]
    [InlineData("client add --id x --grants client_credentials --code-ttl 0", "error: --code-ttl must be a positive whole number, not '0'.")]
    [InlineData("client list --output xml", "error: Argument 'xml' not recognized. Must be one of: 'json' 'table'")]
    [InlineData("user list --limit 0", "error: --limit must be a whole number from 1 to 1000, not '0'.")]
    [InlineData("user grant-role --username a --role king", "error: --role must be one of: operator; not 'king'.")]
    public async Task BadValue_Exits2SayingWhichOptionAndWhy(string args, string firstLine)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal(firstLine, run.FirstErrorLine);
    }

    [Fact]
    public async Task ACommand_WithoutADatabase_SaysSoInOneLine()
    {
        var run = await RunAsync("client", "list");

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("error: no database configured: set ConnectionStrings__Auth (for a local development database run `Auth.Api dev`).", run.Stderr.Trim());
    }

    [Fact]
    public async Task ASecretOrTokenCommand_WithoutItsInput_Exits2()
    {
        var run = await RunAsync("token", "introspect");

        Assert.True(run.Code == 2, run.ToString());
        Assert.StartsWith("error: --token-stdin or --token-file is required", run.FirstErrorLine);
    }
}
