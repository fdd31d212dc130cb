using Auth.Api.Authorize.Pages;
using Auth.Api.OAuth;
using Auth.Core.OAuth;

namespace Auth.Api.Users;

/// <summary>A password check refused for load: <c>429</c> with <c>Retry-After</c>, as JSON on the token endpoint or as a page.</summary>
public static class TooManyAttempts
{
    public static IResult Json(TimeSpan? retryAfter) =>
        new WithRetryAfter(OAuthResults.Error(new OAuthError(OAuthErrors.TemporarilyUnavailable, "Too many password attempts right now. Retry later.")), retryAfter);

    public static IResult Page(TimeSpan? retryAfter) =>
        new WithRetryAfter(AuthorizePages.Error("Too many sign-in attempts right now. Wait a moment, then try again."), retryAfter);

    private sealed class WithRetryAfter(IResult inner, TimeSpan? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.OnStarting(() =>
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString();
                return Task.CompletedTask;
            });
            await inner.ExecuteAsync(http);
        }
    }
}
