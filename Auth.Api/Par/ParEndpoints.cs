using Auth.Api.Authorize;
using Auth.Api.Dpop;
using Auth.Api.OAuth;
using Auth.Api.Hosting.OpenApi;
using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Dpop;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Par;
using Microsoft.Extensions.Primitives;
using System.Text.Json.Serialization;

namespace Auth.Api.Par;

/// <summary>What the PAR endpoint needs, bound with [AsParameters].</summary>
public sealed record ParServices(
    ClientAuthentication ClientAuthentication,
    PushedRequestStore Requests,
    DpopProofReader Dpop,
    FinancialGradeOptions Options,
    TimeProvider Clock);

/// <summary>Pushed authorization requests (RFC 9126).</summary>
public static class ParEndpoints
{
    public const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    /// <summary>Client authentication parameters: checked, never stored with the request.</summary>
    private static readonly HashSet<string> Credentials =
        [Parameters.ClientSecret, Parameters.ClientAssertion, Parameters.ClientAssertionType];

    public static IEndpointRouteBuilder MapParEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/oauth/par", Push).DisableAntiforgery()
            .WithTags(DocumentDescription.OAuth).WithSummary("Push an authorization request (RFC 9126)")
            .WithDescription("The parameters of /oauth/authorize, validated as it validates them; the answer's request_uri then goes to /oauth/authorize with client_id.")
            .ClientAuthenticated().FormBody<PushedAuthorizationForm>()
            .Header("DPoP", "A DPoP proof: the code is bound to its key (RFC 9449 §10.1).")
            .Produces<ParResponse>(StatusCodes.Status201Created)
            .ProducesOAuthErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable)
            .RequestExample("code", "A code request with PKCE", SeedExamples.ParRequest)
            .ResponseExample(StatusCodes.Status201Created, "request_uri", "The handle, valid 60 s by default", SeedExamples.ParAnswer);
        return routes;
    }

    /// <summary>
    /// The PAR endpoint (RFC 9126 §2): authenticates the client, validates the authorization request
    /// exactly as the authorization endpoint would, binds it to a DPoP key when asked (RFC 9449 §10.1),
    /// and answers <c>201 {request_uri, expires_in}</c>.
    /// </summary>
    private static async Task<IResult> Push(HttpContext http, [AsParameters] ParServices services)
    {
        var form = await OAuthForm.ReadAsync(http.Request);
        if (form.IsError)
            return OAuthResults.Error(form.Error!);

        var authenticated = await services.ClientAuthentication.AuthenticateAsync(http.Request, form.Value!);
        if (authenticated.IsError)
            return OAuthResults.Error(authenticated.Error!);
        var client = authenticated.Value!;

        // Reject a request_uri inside a pushed request (RFC 9126 §2.1).
        if (form.Value!.Has(Parameters.RequestUri))
            return OAuthResults.Error(OAuthError.InvalidRequest("request_uri must not be pushed."));

        var parameters = form.Value.All.Where(p => !Credentials.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        parameters[Parameters.ClientId] = client.Id;

        // RFC 9126 §2.1: validated as the authorization endpoint validates, the errors in the token endpoint's shape.
        var query = new QueryCollection(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
        var check = AuthorizationRequestValidator.Validate(AuthorizationQuery.Read(query), client);
        if (check.PageError is { } page)
            return OAuthResults.Error(OAuthError.InvalidRequest(page));
        if (check.RedirectError is { } error)
            return OAuthResults.Error(error);
        if (FinancialGradeRules.CheckAuthorization(check.Request!, pushed: true, serverRequiresPar: false) is { } refused)
            return OAuthResults.Error(refused);

        var binding = await DpopBindingAsync(http, services, parameters.GetValueOrDefault(Parameters.DpopJkt));
        if (binding.IsError)
            return services.Dpop.Refuse(http.Response, binding.Error!);
        if (binding.Value is { } jkt)
            parameters[Parameters.DpopJkt] = jkt;

        var requestUri = RequestUriPrefix + RandomTokens.New();
        var lifetime = services.Options.RequestUriLifetime;
        await services.Requests.InsertAsync(SecretHasher.Hash(requestUri), client.Id, parameters, services.Clock.GetUtcNow() + lifetime);
        services.Dpop.OfferNonce(http.Response);
        return new OAuthResults.NoStoreJson(new ParResponse(requestUri, (int)lifetime.TotalSeconds), StatusCodes.Status201Created, null);
    }

    /// <summary>
    /// The key the code will be bound to: <c>dpop_jkt</c>, or the key of a DPoP proof sent to this
    /// endpoint; both given, they must agree (RFC 9449 §10.1).
    /// </summary>
    private static async Task<Outcome<string?>> DpopBindingAsync(HttpContext http, ParServices services, string? dpopJkt)
    {
        if (dpopJkt is not null && !FinancialGradeRules.IsWellFormedJkt(dpopJkt))
            return OAuthError.InvalidRequest("dpop_jkt is malformed.");
        var proof = await services.Dpop.ReadAsync(http.Request);
        if (proof.IsError)
            return proof.Error!;
        if (proof.Value is not { } checkedProof)
            return dpopJkt;
        if (dpopJkt is not null && dpopJkt != checkedProof.Jkt)
            return DpopErrors.InvalidProof("dpop_jkt does not match the key of the DPoP proof.");
        return checkedProof.Jkt;
    }

    private sealed record ParResponse(
        [property: JsonPropertyName("request_uri")] string RequestUri,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
