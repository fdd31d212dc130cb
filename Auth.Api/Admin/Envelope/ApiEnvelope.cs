namespace Auth.Api.Admin.Envelope;

/// <summary>
/// The answer shape of the client administration API (document 004): <c>code</c> is <c>"OK"</c>
/// on success, otherwise one of <see cref="ApiCodes"/>; <c>ext</c> carries details such as field errors.
/// </summary>
public sealed record ApiEnvelope<T>(string Code, string Msg, T? Data, string Datetime, IReadOnlyDictionary<string, object?> Ext);

/// <summary>The stable codes of <see cref="ApiEnvelope{T}"/>.</summary>
public static class ApiCodes
{
    public const string Ok = "OK";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string ClientExists = "CLIENT_EXISTS";
    public const string ClientIdDeleted = "CLIENT_ID_DELETED";
    public const string VersionConflict = "VERSION_CONFLICT";
    public const string AppCodeNameTaken = "APP_CODE_NAME_TAKEN";
    public const string PublicClient = "PUBLIC_CLIENT";
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";
    public const string ServerError = "SERVER_ERROR";
}
