using Auth.Data;

namespace Auth.Api.Hosting;

/// <summary>
/// Startup steps that need the database retry while it is unreachable or failing over, for at most
/// <c>Auth:Database:StartupWaitSeconds</c> (default 60), logging each wait, instead of exiting at once.
/// </summary>
public static class StartupWait
{
    public static TimeSpan Limit(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Auth:Database:StartupWaitSeconds", 60));

    public static async Task RunAsync(Func<Task> step, string what, TimeSpan limit, ILogger logger, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                if (attempt > 1)
                    logger.LogInformation("Startup: {What} succeeded after {Attempts} attempts", what, attempt);
                return;
            }
            catch (Exception e) when (TransientFailure.IsTransient(e) && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("Startup: {What} failed ({Reason}); the database may be failing over, retrying for up to {Left:0} s more",
                    what, e.Message, (deadline - DateTimeOffset.UtcNow).TotalSeconds);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
