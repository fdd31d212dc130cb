using System.Net;
using Auth.Api.Users;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Users;

/// <summary>
/// A flood of guesses must not fill the hashing queue ahead of the owner: a source that is locked is
/// answered from its counter without ever waiting for a hash.
/// </summary>
public sealed class HashingQueueTests(SingleHashApp app) : IClassFixture<SingleHashApp>
{
    [Fact]
    public async Task LockedSource_WhileTheHashingCapIsFull_IsToldItIsLocked_WithoutTakingAPlace()
    {
        var client = await app.ClientAndUserAsync("queue-owner", "pw-1");
        var attacker = app.From("127.0.2.2");
        for (var i = 0; i < 5; i++)
            await AttemptsApp.PasswordGrantAsync(attacker, client, "queue-owner", $"guess-{i}");
        app.Hasher.Reset();

        using (await app.Services.GetRequiredService<PasswordRateLimits>().Hashing.AcquireAsync())
        {
            var locked = await AttemptsApp.PasswordGrantAsync(attacker, client, "queue-owner", "guess-5");

            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.Contains("locked", (await AuthApp.JsonAsync(locked)).GetProperty("error_description").GetString());
        }
        var owner = await AttemptsApp.PasswordGrantAsync(app.From("127.0.2.3"), client, "queue-owner", "pw-1");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(1, app.Hasher.Checks);
    }
}

/// <summary>Unfamiliar sources hold at most their share of the hashing places, so a flood always leaves one to the owner.</summary>
public sealed class UnfamiliarHashingShareTests(TwoHashApp app) : IClassFixture<TwoHashApp>
{
    [Fact]
    public async Task WhileUnfamiliarSourcesHoldTheirShare_AStrangerIsTurnedAway_TheOwnerFromAFamiliarSourceIsChecked()
    {
        var client = await app.ClientAndUserAsync("share-owner", "pw-1");
        var owner = app.From("127.0.3.3");
        Assert.Equal(HttpStatusCode.OK, (await AttemptsApp.PasswordGrantAsync(owner, client, "share-owner", "pw-1")).StatusCode);

        using (await app.Services.GetRequiredService<PasswordRateLimits>().UnfamiliarHashing.AcquireAsync())
        {
            var stranger = await AttemptsApp.PasswordGrantAsync(app.From("127.0.3.2"), client, "share-owner", "guess");
            var ownerAgain = await AttemptsApp.PasswordGrantAsync(owner, client, "share-owner", "pw-1");

            Assert.Equal((HttpStatusCode)429, stranger.StatusCode);
            Assert.True(stranger.Headers.RetryAfter is not null);
            Assert.Equal(HttpStatusCode.OK, ownerAgain.StatusCode);
        }
    }
}

/// <summary>A familiar source's reservation never touches the account row, so it cannot queue behind a flood's.</summary>
public sealed class FamiliarSourceTests(AttemptsApp app) : IClassFixture<AttemptsApp>
{
    [Fact]
    public async Task WhileTheAccountRowIsLocked_TheOwnerFromAFamiliarSourceSignsIn_AStrangerWaits()
    {
        var client = await app.ClientAndUserAsync("row-owner", "pw-1");
        var owner = app.From("127.0.4.3");
        Assert.Equal(HttpStatusCode.OK, (await AttemptsApp.PasswordGrantAsync(owner, client, "row-owner", "pw-1")).StatusCode);

        await using var rowLock = await app.LockAccountRowAsync("row-owner");

        var stranger = AttemptsApp.PasswordGrantAsync(app.From("127.0.4.2"), client, "row-owner", "guess");
        var ownerAgain = AttemptsApp.PasswordGrantAsync(owner, client, "row-owner", "pw-1");
        var first = await Task.WhenAny(stranger, ownerAgain, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(ownerAgain, first);
        Assert.Equal(HttpStatusCode.OK, (await ownerAgain).StatusCode);
        Assert.False(stranger.IsCompleted);
        await rowLock.RollbackAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger).StatusCode);
    }

    [Fact]
    public async Task WhileTheAccountRowIsLocked_AndTheCounterIsNotEngaged_AStrangersGuessIsStillReservedAndChecked()
    {
        var client = await app.ClientAndUserAsync("row-popular", "pw-1");
        Assert.Equal(HttpStatusCode.BadRequest, (await AttemptsApp.PasswordGrantAsync(app.From("127.0.4.5"), client, "row-popular", "first")).StatusCode);
        var checkedBefore = app.Hasher.Checks;

        await using var rowLock = await app.LockAccountRowAsync("row-popular");

        var stranger = AttemptsApp.PasswordGrantAsync(app.From("127.0.4.6"), client, "row-popular", "guess");
        // Note: a bound, not a timing assertion: the check happens while the row stays locked, or never.
        for (var i = 0; i < 600 && app.Hasher.Checks == checkedBefore; i++)
            await Task.Delay(100);

        Assert.Equal(checkedBefore + 1, app.Hasher.Checks);
        Assert.False(stranger.IsCompleted); // counting the failure on the account row waits for the lock
        await rowLock.RollbackAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger).StatusCode);
    }
}
