using Auth.Api.Authorize.Pages;
using Auth.Api.Broker;
using Auth.Api.Admin.Envelope;
using Auth.Api.OAuth;
using Auth.Api.Hosting.Observability;
using Auth.Core.OAuth;
using Auth.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Api.Hosting;

public static class ErrorHandling
{
    /// <summary>Seconds a caller is asked to wait while the database is unreachable or failing over.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>
    /// A fault nobody handled becomes an answer in the shape of the API it hit, with a fixed
    /// message; the exception goes to the log only, so no stack trace or secret reaches a caller.
    /// A transient database failure is <c>503</c> with <c>Retry-After</c>, any other fault <c>500</c>.
    /// </summary>
    public static IApplicationBuilder UseOAuthErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var fault = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (fault is BadHttpRequestException bad)
                {
                    await Refusal(http.Request.Path, bad.StatusCode, "The request is malformed or too large.").ExecuteAsync(http);
                    return;
                }
                var unavailable = TransientFailure.IsTransient(fault);
                if (unavailable)
                {
                    http.RequestServices.GetService<AuthMetrics>()?.DatabaseUnavailable(ShapeOf(http.Request.Path).ToString());
                    http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                }
                await AnswerFor(http.Request.Path, unavailable).ExecuteAsync(http);
            },
        });

    private static IResult AnswerFor(PathString path, bool unavailable)
    {
        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        var message = unavailable
            ? "The service is briefly unavailable; try again in a few seconds."
            : "The server could not complete the request.";
        return ShapeOf(path) switch
        {
            RouteShape.Envelope => EnvelopeResults.Error(status, unavailable ? ApiCodes.TemporarilyUnavailable : ApiCodes.ServerError, message),
            RouteShape.Broker => BrokerResults.Error(status, message),
            RouteShape.Page => AuthorizePages.Error(message, status),
            _ => OAuthResults.Error(new OAuthError(unavailable ? OAuthErrors.TemporarilyUnavailable : OAuthErrors.ServerError, message)),
        };
    }

    /// <summary>
    /// A request refused before its endpoint reads it (400, or 413 for a body over the limit), in the
    /// shape of the API it was sent to; OAuth routes answer <c>invalid_request</c> (RFC 6749 §5.2), always 400.
    /// </summary>
    public static IResult Refusal(PathString path, int status, string message) => ShapeOf(path) switch
    {
        RouteShape.Envelope => EnvelopeResults.Error(status, ApiCodes.InvalidRequest, message),
        RouteShape.Broker => BrokerResults.Error(status, message),
        RouteShape.Page => AuthorizePages.Error(message, status),
        _ => OAuthResults.Error(OAuthError.InvalidRequest(message)),
    };

    /// <summary>Which of the service's answer shapes a path gets.</summary>
    private enum RouteShape { OAuth, Envelope, Broker, Page }

    private static RouteShape ShapeOf(PathString path) =>
        path.StartsWithSegments("/api/v1") ? RouteShape.Envelope
        : path.StartsWithSegments("/v1/oauth") ? RouteShape.Broker
        : path.StartsWithSegments("/oauth/authorize") || path.StartsWithSegments("/account")
          || path.StartsWithSegments("/console") || path.StartsWithSegments("/demo") ? RouteShape.Page
        : RouteShape.OAuth;
}
