using Auth.Api.OAuth;
using Auth.Core.OAuth;
using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Api.Hosting;

public static class ErrorHandling
{
    /// <summary>
    /// A fault nobody handled becomes a JSON <c>server_error</c> with a fixed message; the
    /// exception goes to the log only, so no stack trace or secret reaches a caller.
    /// </summary>
    public static IApplicationBuilder UseOAuthErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var fault = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var error = fault is BadHttpRequestException
                    ? OAuthError.InvalidRequest("The request is malformed.")
                    : new OAuthError(OAuthErrors.ServerError, "The server could not complete the request.");
                await OAuthResults.Error(error).ExecuteAsync(http);
            },
        });
}
