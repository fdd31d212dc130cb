using System.CommandLine;
using Auth.Api.Authorize;
using Auth.DevTools.Launcher;

namespace Auth.Api.Cli;

/// <summary><c>dev [--reset] [--urls URLS] [--Section:Key value]...</c> and <c>dev stop</c>; see <see cref="DevEnvironment"/>.</summary>
public static class DevCommand
{
    public static Command Build(Func<string[], Task> serve)
    {
        var reset = CliOptions.Flag("--reset", "make new demo credentials (also for a dev already running: its old ones stop working)");
        var command = HostArguments.Accepting(new Command("dev",
            "Serve on a private local PostgreSQL with demo clients and a demo user. A second dev on the same database prints the running one's details and exits."));
        command.Add(reset);
        command.Add(new Command("stop", "Stop the running dev and its PostgreSQL cluster.").Runs(async _ => await DevCluster.StopAsync()));
        command.SetAction(async (parse, _) =>
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            (string[] Args, DevInstance Lock)? prepared;
            try
            {
                prepared = await DevEnvironment.PrepareAsync(HostArguments.From(parse), parse.GetValue(reset));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliAction.Report(e, verbose, CliServices.ConnectionString());
            }
            if (prepared is not { } ready)
                return ExitCodes.Ok;
            using (ready.Lock)
                return await ServeCommand.RunHostAsync(serve, [.. ready.Args, $"--{DemoCallback.Setting}=true", $"--{Hosting.OpenApi.ApiReference.Setting}=true"], verbose);
        });
        return command;
    }
}
