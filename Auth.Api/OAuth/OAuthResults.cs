using Auth.Core.Grants;
using Auth.Api.Hosting.Observability;
using Auth.Core.OAuth;
using System.Text.Json.Serialization;

namespace Auth.Api.OAuth;

/// <summary>
/// The one place that turns OAuth outcomes into HTTP: status codes (RFC 6749 §5.2), the
/// <c>WWW-Authenticate</c> challenge of <c>invalid_client</c>, and <c>no-store</c> on every answer.
/// </summary>
public static class OAuthResults
{
    public static int StatusOf(OAuthError error) => error.Code switch
    {
        OAuthErrors.InvalidClient => StatusCodes.Status401Unauthorized,
        OAuthErrors.ServerError => StatusCodes.Status500InternalServerError,
        OAuthErrors.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult Error(OAuthError error) => new NoStoreJson(
        new ErrorBody(error.Code, error.Description),
        StatusOf(error),
        // RFC 6749 §5.2: a 401 names the scheme the client may authenticate with.
        error.Code == OAuthErrors.InvalidClient ? "Basic realm=\"oauth\"" : null);

    public static IResult Tokens(IssuedTokens tokens) => new TokenAnswer(
        // RFC 9449 §5: a token bound to a DPoP key is of type DPoP.
        new TokenBody(tokens.AccessToken, tokens.BoundJkt is null ? TokenTypeHints.Bearer : Core.Dpop.DpopErrors.TokenType,
            tokens.ExpiresIn, tokens.Scope, tokens.RefreshToken?.Value, tokens.IdToken),
        StatusCodes.Status200OK, null);

    /// <summary>A JSON answer; a <c>byte[]</c> body is taken as UTF-8 JSON already written.</summary>
    public static IResult Json<T>(T body) where T : notnull => new NoStoreJson(body, StatusCodes.Status200OK, null);

    public sealed record ErrorBody(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);

    public sealed record TokenBody(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("refresh_token"),
                   JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        string? RefreshToken = null,
        [property: JsonPropertyName("id_token"),
                   JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        string? IdToken = null);

    private static string EndpointName(HttpContext http) =>
        (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";

    /// <summary>A successful token response, told apart so the token endpoint can count it.</summary>
    public sealed class TokenAnswer(TokenBody body, int status, string? challenge) : NoStoreJson(body, status, challenge);

    public class NoStoreJson(object body, int status, string? challenge) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            // RFC 6749 §5.1: token answers must not be cached.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            if (challenge is not null)
                http.Response.Headers.WWWAuthenticate = challenge;
            if (body is ErrorBody error)
                http.RequestServices.GetService<AuthMetrics>()?.OAuthError(error.Error, EndpointName(http));
            if (body is byte[] utf8Json)
            {
                http.Response.ContentType = "application/json; charset=utf-8";
                return http.Response.Body.WriteAsync(utf8Json).AsTask();
            }
            return http.Response.WriteAsJsonAsync(body, body.GetType());
        }
    }
}
