using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Users;

/// <summary>
/// The <c>Auth:RateLimits</c> section: where CPU is spent anonymously. Password checks per address
/// (grant and sign-in page together, the form must be read to know a request is one), sign-in posts per
/// address (an endpoint policy of ASP.NET Core's rate limiter), and one cap on concurrent password
/// hashes, so a flood queues or gets <c>429</c> instead of starving the other grants of CPU. Unfamiliar
/// sources (no recent sign-in as that user) may hold only part of the cap (<see cref="UnfamiliarHashConcurrency"/>,
/// half by default): a flood of guesses then leaves cores to the other grants and a place to the owner.
/// </summary>
public sealed class PasswordRateLimits : IDisposable
{
    public const string SignInPolicy = "sign-in";

    public int ChecksPerAddress { get; init; } = 20;
    public TimeSpan ChecksWindow { get; init; } = TimeSpan.FromMinutes(1);
    public int SignInPostsPerAddress { get; init; } = 30;
    public TimeSpan SignInPostsWindow { get; init; } = TimeSpan.FromMinutes(1);
    public int HashConcurrency { get; init; } = Environment.ProcessorCount;
    public int HashQueue { get; init; } = 2 * Environment.ProcessorCount;
    public int UnfamiliarHashConcurrency { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);
    /// <summary>How long a refused or failed password check waits before it is answered (as Dovecot's auth_failure_delay).</summary>
    public TimeSpan RefusalDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How many answers may wait at once; beyond, they are answered at once, so waiting never holds unbounded memory.</summary>
    public int RefusalDelayConcurrency { get; init; } = 1024;

    private int _delayed;

    public PartitionedRateLimiter<string> ChecksPerAddressLimiter { get; private init; } = null!;
    /// <summary>Every hash takes a place here.</summary>
    public ConcurrencyLimiter Hashing { get; private init; } = null!;
    /// <summary>An unfamiliar source's hash takes a place here first.</summary>
    public ConcurrencyLimiter UnfamiliarHashing { get; private init; } = null!;

    public static PasswordRateLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth:RateLimits");
        var d = new PasswordRateLimits();
        var checks = Math.Max(1, section.GetValue("PasswordChecksPerAddress", d.ChecksPerAddress));
        var checksWindow = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("PasswordChecksWindowSeconds", d.ChecksWindow.TotalSeconds)));
        var concurrency = Math.Max(1, section.GetValue("PasswordHashConcurrency", d.HashConcurrency));
        var queue = Math.Max(0, section.GetValue("PasswordHashQueue", 2 * concurrency));
        var unfamiliar = Math.Clamp(section.GetValue("PasswordHashUnfamiliarConcurrency", Math.Max(1, concurrency / 2)), 1, concurrency);
        return new PasswordRateLimits
        {
            ChecksPerAddress = checks,
            ChecksWindow = checksWindow,
            SignInPostsPerAddress = Math.Max(1, section.GetValue("SignInPostsPerAddress", d.SignInPostsPerAddress)),
            SignInPostsWindow = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("SignInPostsWindowSeconds", d.SignInPostsWindow.TotalSeconds))),
            HashConcurrency = concurrency,
            HashQueue = queue,
            UnfamiliarHashConcurrency = unfamiliar,
            RefusalDelay = TimeSpan.FromMilliseconds(Math.Max(0, section.GetValue("PasswordRefusalDelayMilliseconds", d.RefusalDelay.TotalMilliseconds))),
            RefusalDelayConcurrency = Math.Max(0, section.GetValue("PasswordRefusalDelayConcurrency", d.RefusalDelayConcurrency)),
            ChecksPerAddressLimiter = PartitionedRateLimiter.Create<string, string>(address =>
                RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = checks, Window = checksWindow, QueueLimit = 0,
                })),
            Hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = concurrency, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            UnfamiliarHashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = unfamiliar, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
        };
    }

    /// <summary>Registers the limits and the sign-in page's per-address endpoint policy.</summary>
    public static IServiceCollection AddPasswordRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        var limits = From(configuration);
        services.AddSingleton(limits);
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(SignInPolicy, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPostsPerAddress, Window = limits.SignInPostsWindow, QueueLimit = 0,
            })));
        return services;
    }

    /// <summary>
    /// Holds a refused or failed check's answer for <see cref="RefusalDelay"/>. A guesser that waits for its
    /// answers (any client on a bounded set of connections) then guesses at most once per delay per
    /// connection, however cheap the refusal is to compute, and the cores stay with the other grants.
    /// </summary>
    public async Task DelayRefusalAsync(TimeProvider clock, CancellationToken aborted)
    {
        if (RefusalDelay <= TimeSpan.Zero)
            return;
        try
        {
            if (Interlocked.Increment(ref _delayed) <= RefusalDelayConcurrency)
                await Task.Delay(RefusalDelay, clock, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away: nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _delayed);
        }
    }

    public void Dispose()
    {
        ChecksPerAddressLimiter.Dispose();
        Hashing.Dispose();
        UnfamiliarHashing.Dispose();
    }
}
