using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Auth.Api.Admin.Envelope;

/// <summary>Marks endpoints whose 401 and 403 answers carry an <see cref="ApiEnvelope{T}"/> body.</summary>
public sealed class EnvelopeErrorsMetadata
{
    public static readonly EnvelopeErrorsMetadata Instance = new();
}

/// <summary>
/// For endpoints marked with <see cref="EnvelopeErrorsMetadata"/>: the bearer challenge (status and
/// <c>WWW-Authenticate</c>) as usual, then an envelope body. Other endpoints keep the default behaviour.
/// </summary>
public sealed class EnvelopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<EnvelopeErrorsMetadata>() is null || result.Succeeded)
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }

        if (result.Forbidden)
        {
            await http.ForbidAsync();
            await EnvelopeResults.WriteAsync(http, StatusCodes.Status403Forbidden, ApiCodes.Forbidden, "The access token lacks the required scope.");
        }
        else
        {
            await http.ChallengeAsync();
            await EnvelopeResults.WriteAsync(http, StatusCodes.Status401Unauthorized, ApiCodes.Unauthorized, "A valid bearer access token is required.");
        }
    }
}
