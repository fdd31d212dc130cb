namespace Auth.DevTools.Launcher;

/// <summary>What <c>dev</c> prints: the demo credentials it seeded and commands that run as pasted.</summary>
public static class DevBanner
{
    public const string DemoClientId = "demo-client";
    public const string AdminClientId = "demo-admin";
    public const string DemoUsername = "demo";

    /// <summary>For a second <c>dev</c> on a database one already serves: how to reach the running one.</summary>
    /// <param name="selfCommand">How this binary was started, so a printed command runs as pasted.</param>
    public static void PrintRunning(string connectionString, string selfCommand)
    {
        if (DevInstance.Read(DevCluster.Root, connectionString) is not { } state)
        {
            Console.Error.WriteLine("dev: another dev is starting on this database; run `Auth.Api dev` again in a moment.");
            return;
        }
        Console.Error.WriteLine($"dev: already running at {state.Issuer} (pid {state.Pid}); its credentials are unchanged. `Auth.Api dev --reset` makes new ones, `Auth.Api dev stop` stops it.");
        Print(state, selfCommand);
    }

    public static void Print(DevState s, string selfCommand)
    {
        // Note: bench/lib.sh reads the "demo client :", "demo user   :", "admin client:" and ConnectionStrings__Auth lines.
        Console.Out.WriteLine($"""

            Auth service (development) at {s.Issuer}
              demo client : {DemoClientId} / {s.DemoSecret}
              demo user   : {DemoUsername} / {s.DemoPassword}
              admin client: {AdminClientId} / {s.AdminSecret}  (client_credentials, scopes admin broker)
              database    : ConnectionStrings__Auth="{s.ConnectionString}"

            Get a token with the password grant, and call a protected endpoint with it:
              ACCESS_TOKEN=$(curl -s -u '{DemoClientId}:{s.DemoSecret}' -d grant_type=password -d username={DemoUsername} -d 'password={s.DemoPassword}' {s.Issuer}/oauth/token | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
              curl -s -H "Authorization: Bearer $ACCESS_TOKEN" {s.Issuer}/api/system/ping

            Or sign in through the browser (authorization code with PKCE):
              echo '{s.DemoSecret}' | {selfCommand} perform authorization-code --issuer {s.Issuer} --client-id {DemoClientId} --client-secret-stdin --scope openid,profile

            """);
    }
}
