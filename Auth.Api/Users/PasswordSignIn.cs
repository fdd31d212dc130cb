using System.Diagnostics;
using System.Threading.RateLimiting;
using Auth.Api.Hosting;
using Auth.Api.Hosting.Observability;
using Auth.Core.Users;
using Auth.Data.Users;

namespace Auth.Api.Users;

/// <summary>
/// One username-and-password check, as the password grant and the sign-in page both make it. In order:
/// the canonical username (an impossible one fails without a hash or a row), the per-address limit,
/// then one SQL statement reserves the attempt on the (username, source) counter, then the hashing cap
/// (<see cref="PasswordRateLimits"/>), and only then is the password hashed; the reservation is released or
/// counted as a failure when the check ends. Source: client id and address for the grant, the address
/// for the page.
/// </summary>
public sealed partial class PasswordSignIn(
    UserStore users, PasswordAttemptStore attempts, Auth.Core.Users.IPasswordHasher hasher, AuthSettings settings,
    PasswordRateLimits limits, IHttpContextAccessor http, AuthMetrics metrics, TimeProvider clock, ILogger<PasswordSignIn> logger)
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);

    public Task<SignInResult> CheckGrantAsync(string clientId, string username, string password, DateTimeOffset now) =>
        CheckAsync("grant", $"client {clientId} {ClientAddress.Of(http.HttpContext)}", username, password, now);

    public Task<SignInResult> CheckPageAsync(string username, string password, DateTimeOffset now) =>
        CheckAsync("page", $"page {ClientAddress.Of(http.HttpContext)}", username, password, now);

    private async Task<SignInResult> CheckAsync(string surface, string source, string username, string password, DateTimeOffset now)
    {
        var result = await CheckOnceAsync(surface, source, username, password, now);
        if (result.User is null)
            await limits.DelayRefusalAsync(clock, http.HttpContext?.RequestAborted ?? CancellationToken.None);
        return result;
    }

    private async Task<SignInResult> CheckOnceAsync(string surface, string source, string username, string password, DateTimeOffset now)
    {
        // Reject names no user can have before spending a hash or writing a counter row.
        if (Usernames.Canonical(username) is not { } canonical)
        {
            Failed(surface, "(invalid)", source);
            return SignInResult.BadCredentials;
        }

        using var perAddress = limits.ChecksPerAddressLimiter.AttemptAcquire(ClientAddress.Of(http.HttpContext));
        if (!perAddress.IsAcquired)
            return RateLimited("per_address", perAddress.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.ChecksWindow);
        var policy = settings.Attempts;
        var reservationId = Guid.NewGuid().ToString("N");
        var reservation = await ReserveAsync(canonical, source, reservationId, policy, now);
        if (reservation.Unlocked)
        {
            metrics.Unlocked();
            LogUnlocked(canonical, source);
        }
        if (!reservation.Granted)
        {
            var until = reservation.LockedUntil ?? reservation.SlowedUntil;
            return until is { } u ? SignInResult.Locked(u - now) : RateLimited("in_flight", BusyRetry);
        }

        // Note: the hashing queue is entered only with an attempt reserved, so locked and slowed-down
        // sources never take the places a flood would otherwise fill ahead of the owner; unfamiliar
        // sources queue for their share of the places first, so they never hold all of them.
        using var unfamiliarSlot = reservation.Familiar ? null : await limits.UnfamiliarHashing.AcquireAsync();
        using var slot = unfamiliarSlot is { IsAcquired: false } ? null : await limits.Hashing.AcquireAsync();
        if (slot is not { IsAcquired: true })
        {
            await attempts.ReleaseUncheckedAsync(canonical, source, reservationId);
            return RateLimited("hashing", BusyRetry);
        }

        var user = await users.FindByCanonicalUsernameAsync(canonical);
        var result = SignIn.Check(password, user, hasher);
        if (result.User is { } signedIn)
        {
            await attempts.ReleaseSuccessAsync(canonical, source, reservationId, now);
            if (result.RehashedPassword is { } rehashed)
                await users.UpgradeHashAsync(signedIn.Id, signedIn.PasswordHash, rehashed);
            return result;
        }

        Failed(surface, canonical, source);
        var failure = await attempts.RecordFailureAsync(canonical, source, reservationId, policy, now);
        if (failure.LockedSource)
        {
            metrics.LockedOut("source");
            LogSourceLocked(canonical, source, now + policy.SourceLockFor);
        }
        if (failure.SlowedAccount)
        {
            metrics.LockedOut("account");
            LogAccountSlowed(canonical, policy.AccountMaxFailures, policy.AccountSlowdown);
        }
        return result;
    }

    /// <summary>
    /// Reserves, waiting (bounded by the policy's MaxWait) while the budget is taken by checks still in
    /// flight rather than by failures: those may well succeed and give it back.
    /// </summary>
    private async Task<AttemptReservation> ReserveAsync(string canonical, string source, string reservationId, AttemptPolicy policy, DateTimeOffset now)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var reservation = await attempts.ReserveAsync(canonical, source, reservationId, policy, now + waited.Elapsed);
            if (reservation.Granted || reservation.LockedUntil is not null || reservation.SlowedUntil is not null || waited.Elapsed >= policy.MaxWait)
                return reservation;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40)));
        }
    }

    private SignInResult RateLimited(string reason, TimeSpan retryAfter)
    {
        metrics.PasswordRateLimited(reason);
        return SignInResult.Busy(retryAfter);
    }

    private void Failed(string surface, string canonical, string source)
    {
        metrics.SignInFailed(surface);
        LogFailed(canonical, source, surface);
    }

    [LoggerMessage(EventId = 4001, EventName = "SignInFailed", Level = LogLevel.Information,
        Message = "Sign-in failed for {Username} from {Source} on the {Surface}")]
    private partial void LogFailed(string username, string source, string surface);

    [LoggerMessage(EventId = 4002, EventName = "SignInSourceLocked", Level = LogLevel.Warning,
        Message = "Sign-in source locked: {Username} from {Source} until {LockedUntil}")]
    private partial void LogSourceLocked(string username, string source, DateTimeOffset lockedUntil);

    [LoggerMessage(EventId = 4003, EventName = "SignInAccountSlowed", Level = LogLevel.Warning,
        Message = "Sign-ins for {Username} slowed down: {Failures} failures from all sources, one check per {Slowdown} for the unfamiliar sources together")]
    private partial void LogAccountSlowed(string username, int failures, TimeSpan slowdown);

    [LoggerMessage(EventId = 4004, EventName = "SignInSourceUnlocked", Level = LogLevel.Information,
        Message = "Sign-in source unlocked: {Username} from {Source}")]
    private partial void LogUnlocked(string username, string source);
}
