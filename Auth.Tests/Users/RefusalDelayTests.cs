using System.Diagnostics;
using System.Net;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Users;

/// <summary>
/// A failed or refused password check is answered after a delay, so a guesser on a bounded set of
/// connections guesses at most once per delay per connection; the owner's success is not delayed, and
/// the answers held at once are capped.
/// </summary>
public sealed class RefusalDelayTests(RefusalDelayApp app) : IClassFixture<RefusalDelayApp>
{
    [Fact]
    public async Task WrongPassword_IsAnsweredAfterTheDelay_WhileTheOwnersSuccessIsNot()
    {
        var client = await app.ClientAndUserAsync("delay-owner", "pw-1");
        var started = Stopwatch.StartNew();
        var guess = AttemptsApp.PasswordGrantAsync(app.From("127.0.4.2"), client, "delay-owner", "guess");

        var owner = await AttemptsApp.PasswordGrantAsync(app.From("127.0.4.3"), client, "delay-owner", "pw-1");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.False(guess.IsCompleted);
        Assert.Equal(HttpStatusCode.BadRequest, (await guess).StatusCode);
        Assert.True(started.Elapsed >= RefusalDelayApp.Delay - TimeSpan.FromMilliseconds(50), $"answered after {started.Elapsed}");
    }

    [Fact]
    public async Task BeyondTheCap_ARefusalIsAnsweredAtOnce()
    {
        var client = await app.ClientAndUserAsync("cap-owner", "pw-1");
        using var abandon = new CancellationTokenSource();
        var first = AttemptsApp.PasswordGrantAsync(app.From("127.0.4.4"), client, "cap-owner", "guess", abandon.Token);
        var second = AttemptsApp.PasswordGrantAsync(app.From("127.0.4.5"), client, "cap-owner", "guess", abandon.Token);

        // One of the two holds the only waiting place; the other is answered without waiting for it.
        var answered = await Task.WhenAny(first, second);
        var held = answered == first ? second : first;

        Assert.Equal(HttpStatusCode.BadRequest, (await answered).StatusCode);
        Assert.False(held.IsCompleted);
        abandon.Cancel();
    }
}
