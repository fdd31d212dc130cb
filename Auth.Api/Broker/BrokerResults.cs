using System.Text.Json.Serialization;

namespace Auth.Api.Broker;

/// <summary>The broker API's answers: its documented status codes, a JSON <c>{code, message}</c> body on errors, never cached.</summary>
public static class BrokerResults
{
    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, message);
    public static IResult Unprocessable(string message) => Error(StatusCodes.Status422UnprocessableEntity, message);
    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);
    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Json<T>(T body) where T : notnull => new NoStore(Results.Json(body, statusCode: StatusCodes.Status200OK));

    public static IResult Error(int status, string message) =>
        new NoStore(Results.Json(new ErrorBody(status, message), statusCode: status));

    public sealed record ErrorBody(
        [property: JsonPropertyName("code")] int Code,
        [property: JsonPropertyName("message")] string Message);

    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return inner.ExecuteAsync(http);
        }
    }
}
