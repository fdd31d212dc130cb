using Auth.Api.Hosting.OpenApi;
using Auth.Api.Bearer;
using Auth.Api.Admin.Envelope;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Clients;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Admin;

/// <summary>
/// The client administration API of document 004 under <c>/api/v1/auth/client</c>: every answer is an
/// <see cref="ApiEnvelope{T}"/>, every call needs a bearer token with scope <c>admin</c>, every change is audited.
/// </summary>
public static class ClientAdminEndpoints
{
    public const int MaxDeleteIds = ClientAdministration.MaxDeleteIds;
    public const int MaxPageSize = ClientAdministration.MaxPageSize;

    public static RouteGroupBuilder MapClientAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth/client")
            .WithTags(DocumentDescription.ClientAdmin)
            .RequireAuthorization(ScopePolicies.Admin)
            .WithMetadata(EnvelopeErrorsMetadata.Instance)
            .DisableAntiforgery()
            .ProducesEnvelopeErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", List).WithSummary("Query the list of oauth2 registered client").Produces<ApiEnvelope<ClientPage>>();
        group.MapPost("", Add).WithSummary("Add oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict)
            .RequestExample("machine", "A machine client, in document 004's field names", SeedExamples.ClientRequest)
            .ResponseExample(StatusCodes.Status401Unauthorized, "unauthorized", "No or a bad bearer token", SeedExamples.Unauthorized);
        group.MapPut("", Replace).WithSummary("Replace oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound).Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict)
            .Header("If-Match", "The version read (\"2\"); a stale one gets 409 VERSION_CONFLICT.");
        group.MapPatch("", Update).WithSummary("Update oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound).Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict)
            .Header("If-Match", "The version read (\"2\"); a stale one gets 409 VERSION_CONFLICT.");
        group.MapDelete("", Delete).WithSummary("Delete oauth2 registered clients (1 to 200 unique ids); revokes their tokens")
            .Produces<ApiEnvelope<ClientDeletion>>();
        group.MapGet("/{id}", Detail).WithSummary("Query the detail of oauth2 registered client")
            .Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound)
            .ResponseExample(StatusCodes.Status404NotFound, "not-found", "No such client", SeedExamples.NotFound);
        group.MapPost("/{id}/secret", RotateSecret).WithSummary("Generate a new client secret, shown once in this answer")
            .Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/audit", Audit).WithSummary("The audit trail of a client: who changed what, when")
            .Produces<ApiEnvelope<IReadOnlyList<ClientAuditView>>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>One page of clients matching the filters; rejects a malformed <c>enabled</c>, <c>pageNo</c> or <c>pageSize</c>.</summary>
    private static async Task<IResult> List([AsParameters] ClientListQuery query, ClientAdministration clients)
    {
        var page = await clients.ListAsync(query);
        return page.Errors.Count > 0
            ? EnvelopeResults.Invalid(page.Errors)
            : EnvelopeResults.Ok(new ClientPage(page.Total, page.PageNo, page.PageSize, page.Rows.Select(r => ClientMerge.View(r)).ToList()));
    }

    /// <summary>Adds a client; its secret (given or generated) is answered once. Rejects invalid fields and a taken id (409).</summary>
    private static async Task<IResult> Add(HttpContext http, ClientAdministration clients)
    {
        var (request, error) = await JsonBody.ReadAsync<ClientRequest>(http.Request);
        if (error is not null)
            return error;
        return Answer(http, await clients.AddAsync(request!, AdminActor.From(http.User)));
    }

    /// <summary>Replaces every field of a client (absent ones take their defaults; an absent secret is kept).</summary>
    private static Task<IResult> Replace(HttpContext http, ClientAdministration clients) =>
        WriteAsync(http, clients, partial: false);

    /// <summary>Changes the given fields of a client and keeps the others.</summary>
    private static Task<IResult> Update(HttpContext http, ClientAdministration clients) =>
        WriteAsync(http, clients, partial: true);

    /// <summary>
    /// Replace and update as a compare-and-swap on the client's version. With an expected version
    /// (<c>If-Match</c> or <c>version</c>) a stale one is 409; without, a lost race is retried on the new state.
    /// </summary>
    private static async Task<IResult> WriteAsync(HttpContext http, ClientAdministration clients, bool partial)
    {
        var (request, error) = await JsonBody.ReadAsync<ClientRequest>(http.Request);
        if (error is not null)
            return error;
        if (!TryExpectedVersion(http.Request, request!, out var expected))
            return EnvelopeResults.BadRequest("If-Match must be a client version, e.g. \"3\".");
        return Answer(http, await clients.WriteAsync(request!, partial, expected, AdminActor.From(http.User)));
    }

    /// <summary>Deletes 1 to 200 unique ids (repeated <c>ids=</c> or comma-separated) and, with them, their tokens.</summary>
    private static async Task<IResult> Delete(HttpContext http, [FromQuery] string[]? ids, ClientAdministration clients)
    {
        var list = (ids ?? []).SelectMany(i => i.Split(',')).Select(i => i.Trim()).ToList();
        var (deletion, errors) = await clients.DeleteAsync(list, AdminActor.From(http.User));
        return deletion is null ? EnvelopeResults.Invalid(errors) : EnvelopeResults.Ok(deletion);
    }

    /// <summary>One client, without its secret.</summary>
    private static async Task<IResult> Detail(HttpContext http, string id, ClientAdministration clients) =>
        await clients.FindAsync(id) is { } row ? Answer(http, new ClientChange(ClientChangeStatus.Written, row)) : NotFound();

    /// <summary>Generates a new secret for a confidential client and answers it once; the old one stops working at once.</summary>
    private static async Task<IResult> RotateSecret(HttpContext http, string id, ClientAdministration clients) =>
        Answer(http, await clients.RotateSecretAsync(id, AdminActor.From(http.User)));

    /// <summary>Who changed the client, what and when (field names only), oldest first; also for a deleted client.</summary>
    private static async Task<IResult> Audit(string id, ClientAdministration clients)
    {
        var entries = await clients.AuditAsync(id);
        if (entries.Count == 0 && await clients.FindAsync(id) is null)
            return NotFound();
        return EnvelopeResults.Ok(entries.Select(e => new ClientAuditView(
            e.Action, e.Actor, e.ActorClientId, e.Fields, e.At)).ToList());
    }

    /// <summary>The envelope of a change: the stored client (with its version as ETag and a revealed secret), or the refusal.</summary>
    public static IResult Answer(HttpContext http, ClientChange change)
    {
        switch (change.Status)
        {
            case ClientChangeStatus.Written:
                http.Response.Headers.ETag = $"\"{change.Row!.Version}\"";
                return EnvelopeResults.Ok(ClientMerge.View(change.Row, change.RevealedSecret));
            case ClientChangeStatus.Invalid:
                return EnvelopeResults.Invalid(change.Errors!);
            case ClientChangeStatus.Stale:
                return StaleWrite();
            case ClientChangeStatus.Exists:
                return EnvelopeResults.Conflict(ApiCodes.ClientExists, "A client with this id exists.");
            case ClientChangeStatus.Deleted:
                return EnvelopeResults.Conflict(ApiCodes.ClientIdDeleted, "A deleted client had this id; deleted ids are not reused.");
            case ClientChangeStatus.PublicClient:
                return EnvelopeResults.Error(StatusCodes.Status400BadRequest, ApiCodes.PublicClient, "A public client has no secret.");
            default:
                return NotFound();
        }
    }

    private static IResult NotFound() => EnvelopeResults.NotFound("No client has this id.");

    private static IResult StaleWrite() =>
        EnvelopeResults.Conflict(ApiCodes.VersionConflict, "The client changed since that version; read it again and retry.");

    /// <summary>The version the caller expects to overwrite: <c>If-Match</c> (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>), else the body's <c>version</c>.</summary>
    private static bool TryExpectedVersion(HttpRequest request, ClientRequest body, out int? expected)
    {
        expected = body.Version;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0)
            return true;
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (!int.TryParse(text.Trim('"'), out var version) || version < 1)
            return false;
        expected = version;
        return true;
    }
}
