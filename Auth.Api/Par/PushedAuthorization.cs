using Auth.Api.Authorize;
using Auth.Api.Dpop;
using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Par;
using Microsoft.Extensions.Primitives;

namespace Auth.Api.Par;

/// <summary>
/// A checked authorization request and what issuing its code must honour: the pushed request to
/// consume (RFC 9126 §4) and the DPoP key to bind the code to (RFC 9449 §10).
/// </summary>
public sealed record AuthorizationIntake(AuthorizationCheck Check, byte[]? RequestUriHash, string? DpopJkt);

/// <summary>
/// The authorization endpoint's view of pushed requests: with <c>request_uri</c> the parameters are
/// the ones pushed, and any others in the query are ignored (RFC 9126 §4); without, the query's.
/// Then the client's financial-grade rules apply on top of the ordinary validation.
/// </summary>
public sealed class PushedAuthorization(PushedRequestStore requests, FinancialGradeOptions options, TimeProvider clock)
{
    private const string Gone = "This sign-in request expired or was already used. Go back to the application and start again.";

    public async Task<AuthorizationIntake> ValidateAsync(IQueryCollection query, Func<string, Task<Client?>> findClient)
    {
        byte[]? requestUriHash = null;
        if (query.ContainsKey(Parameters.RequestUri))
        {
            // Reject a pushed request we cannot pin to one client and one request (RFC 9126 §4).
            if (query[Parameters.RequestUri].Count != 1 || query[Parameters.ClientId].Count != 1)
                return Page("The request names its client or its pushed request more than once, or not at all.");
            var requestUri = query[Parameters.RequestUri][0]!;
            requestUriHash = SecretHasher.Hash(requestUri);
            var pushed = requestUri.StartsWith(ParEndpoints.RequestUriPrefix, StringComparison.Ordinal)
                ? await requests.FindAsync(requestUriHash, clock.GetUtcNow())
                : null;
            // Reject an unknown, expired or used request_uri, or one pushed by another client (RFC 9126 §4).
            if (pushed is null || pushed.ClientId != query[Parameters.ClientId][0])
                return Page(Gone);
            query = new QueryCollection(pushed.Parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
        }

        var parameters = AuthorizationQuery.Read(query);
        var client = parameters.ClientId is { } id ? await findClient(id) : null;
        var check = AuthorizationRequestValidator.Validate(parameters, client);
        if (check.Request is not { } request)
            return new AuthorizationIntake(check, null, null);

        if (FinancialGradeRules.CheckAuthorization(request, requestUriHash is not null, options.RequirePushedAuthorizationRequests) is { } refused)
            return Redirect(refused, request);

        var dpopJkt = query[Parameters.DpopJkt] is { Count: 1 } j && !string.IsNullOrEmpty(j[0]) ? j[0] : null;
        // Reject a malformed dpop_jkt (RFC 9449 §10).
        if (query[Parameters.DpopJkt].Count > 1 || (dpopJkt is not null && !FinancialGradeRules.IsWellFormedJkt(dpopJkt)))
            return Redirect(OAuthError.InvalidRequest("dpop_jkt is malformed."), request);

        return new AuthorizationIntake(check, requestUriHash, dpopJkt);
    }

    /// <summary>Consumes the pushed request: true once, for the code issued from it.</summary>
    public Task<bool> ConsumeAsync(byte[] requestUriHash) => requests.ConsumeAsync(requestUriHash, clock.GetUtcNow());

    private static AuthorizationIntake Page(string message) => new(AuthorizationCheck.Page(message), null, null);

    private static AuthorizationIntake Redirect(OAuthError error, AuthorizationRequest request) =>
        new(AuthorizationCheck.Redirect(error, request.RedirectUri, request.State), null, null);
}
