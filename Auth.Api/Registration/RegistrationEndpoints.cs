using Auth.Api.Hosting.OpenApi;
using Auth.Api.Bearer;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;
using Auth.Api.Keys;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Audit;
using Auth.Data.Clients;

namespace Auth.Api.Registration;

/// <summary>
/// App registration of document 000: an open, rate-limited <c>POST /api/v1/apps/register</c> that
/// stores the app as <c>pending</c>, and the admin's <c>approve</c> and <c>reject</c>.
/// </summary>
public static class RegistrationEndpoints
{
    public const string RegistrationActor = "self-registration";
    private const int MaxBodyBytes = 128 * 1024;
    private static readonly RegistrationValidator Validator = new();

    public static RouteGroupBuilder MapRegistrationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/apps").WithTags(DocumentDescription.Registration).DisableAntiforgery();

        group.MapPost("/register", Register)
            .AllowAnonymous()
            .RequireRateLimiting(RegistrationSettings.RateLimitPolicy)
            .WithSummary("Register a third-party app; it stays pending until an admin approves it")
            .Accepts<RegistrationRequest>("application/json")
            .Produces<RegistrationResponse>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status400BadRequest)
            .Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict)
            .ProducesEmpty(StatusCodes.Status429TooManyRequests)
            .ProducesEnvelopeErrors(StatusCodes.Status503ServiceUnavailable)
            .RequestExample("app", "Document 000's request", SeedExamples.Registration)
            .ResponseExample(StatusCodes.Status200OK, "pending", "Document 000's answer, with this service's default scopes and status", SeedExamples.Registered)
            .ResponseExample(StatusCodes.Status400BadRequest, "invalid", "Every field error at once", SeedExamples.ValidationFailed);

        var admin = group.MapGroup("/{clientId}")
            .RequireAuthorization(ScopePolicies.Admin)
            .WithMetadata(EnvelopeErrorsMetadata.Instance)
            .ProducesEnvelopeErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        admin.MapPost("/approve", Approve).WithSummary("Approve a registered app: it may get tokens from now on")
            .Produces<ApiEnvelope<ClientView>>();
        admin.MapPost("/reject", Reject).WithSummary("Reject a registered app: it gets no tokens")
            .Produces<ApiEnvelope<ClientView>>();
        return group;
    }

    /// <summary>
    /// Registers an app as <c>pending</c> with a generated id and secret (shown here only), the configured
    /// default scopes and audiences, and the current public signing key. Rejects every invalid field at
    /// once (400) and a taken <c>appCodeName</c> (409); a refused request stores nothing.
    /// </summary>
    private static async Task<IResult> Register(
        HttpContext http, RegistrationSettings settings, AppRegistrationStore store, SigningKeyRing keys)
    {
        var (request, error) = await JsonBody.ReadAsync<RegistrationRequest>(http.Request, MaxBodyBytes);
        if (error is not null)
            return error;
        var validation = Validator.Validate(request!);
        if (!validation.IsValid)
            return EnvelopeResults.Invalid(FieldErrors.From(validation));

        var clientId = RandomTokens.New()[..24];
        var secret = ClientSecretPolicy.Generate();
        var grantTypes = request!.GrantTypes!.Distinct().ToArray();
        var client = new ClientRow
        {
            Id = clientId,
            SecretHash = SecretHasher.Hash(secret),
            Name = request.AppName!,
            Description = request.AppDescription,
            AuthMethods = [RegistrationValidator.AuthMethods[request.AuthMethod!]],
            GrantTypes = grantTypes,
            ResponseTypes = request.ResponseTypes!.Distinct().ToArray(),
            RedirectUris = request.RedirectUris!.Distinct().ToArray(),
            Scopes = settings.DefaultScopes.ToArray(),
            Audiences = settings.DefaultAudiences.ToArray(),
            Status = ClientStatus.Pending,
        };
        var registration = new AppRegistrationRow(clientId, request.AppCodeName!, request.CompanyName!, request.CompanyInfo!,
            request.HomepageUrl!, request.ContactInfo!.Name!, request.ContactInfo.Phone!, request.ContactInfo.Email!,
            string.IsNullOrEmpty(request.AppLogo) ? null : request.AppLogo);
        var audit = new ClientAuditEntry(clientId, "registered", RegistrationActor, null,
            ["appCodeName", "appName", "redirectUris", "grantTypes", "responseTypes", "authMethod"]);

        if (!await store.RegisterAsync(client, registration, audit))
            return EnvelopeResults.Conflict(ApiCodes.AppCodeNameTaken, "This appCodeName is registered already.");

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new RegistrationResponse(
            clientId, secret, client.Scopes, client.ToClient().TokenAudiences, keys.Current.ExportPublicKeyPem(), ClientStatus.Pending));
    }

    /// <summary>Makes a registered (or rejected) app active, so it may get tokens.</summary>
    private static async Task<IResult> Approve(HttpContext http, string clientId, ClientAdministration clients) =>
        Answer(await clients.DecideAsync(clientId, approve: true, AdminActor.From(http.User)));

    /// <summary>Marks an app rejected: it gets no tokens, and tokens it holds stop working.</summary>
    private static async Task<IResult> Reject(HttpContext http, string clientId, ClientAdministration clients) =>
        Answer(await clients.DecideAsync(clientId, approve: false, AdminActor.From(http.User)));

    private static IResult Answer(ClientChange change) =>
        change.Row is { } row ? EnvelopeResults.Ok(ClientMerge.View(row)) : EnvelopeResults.NotFound("No client has this id.");
}
