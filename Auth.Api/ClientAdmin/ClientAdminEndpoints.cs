using Auth.Api.Bearer;
using Auth.Api.Envelope;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Clients;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.ClientAdmin;

/// <summary>
/// The client administration API of document 004 under <c>/api/v1/auth/client</c>: every answer is an
/// <see cref="ApiEnvelope{T}"/>, every call needs a bearer token with scope <c>admin</c>, every change is audited.
/// </summary>
public static class ClientAdminEndpoints
{
    public const int MaxDeleteIds = 200;
    public const int MaxPageSize = 100;
    private const int MaxWriteAttempts = 5;
    private static readonly ClientRequestValidator CreateValidator = new(partial: false);
    private static readonly ClientRequestValidator UpdateValidator = new(partial: true);

    public static RouteGroupBuilder MapClientAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth/client")
            .WithTags("AuthClient")
            .RequireAuthorization(ScopePolicies.Admin)
            .WithMetadata(EnvelopeErrorsMetadata.Instance)
            .DisableAntiforgery()
            .ProducesEnvelopeErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapGet("", List).WithSummary("Query the list of oauth2 registered client").Produces<ApiEnvelope<ClientPage>>();
        group.MapPost("", Add).WithSummary("Add oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict);
        group.MapPut("", Replace).WithSummary("Replace oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound).Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict);
        group.MapPatch("", Update).WithSummary("Update oauth2 registered client")
            .Accepts<ClientRequest>("application/json").Produces<ApiEnvelope<ClientView>>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound).Produces<ApiEnvelope<object>>(StatusCodes.Status409Conflict);
        group.MapDelete("", Delete).WithSummary("Delete oauth2 registered clients (1 to 200 unique ids); revokes their tokens")
            .Produces<ApiEnvelope<ClientDeletion>>();
        group.MapGet("/{id}", Detail).WithSummary("Query the detail of oauth2 registered client")
            .Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/secret", RotateSecret).WithSummary("Generate a new client secret, shown once in this answer")
            .Produces<ApiEnvelope<ClientView>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/audit", Audit).WithSummary("The audit trail of a client: who changed what, when")
            .Produces<ApiEnvelope<IReadOnlyList<ClientAuditView>>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>One page of clients matching the filters; rejects a malformed <c>enabled</c>, <c>pageNo</c> or <c>pageSize</c>.</summary>
    private static async Task<IResult> List([AsParameters] ClientListQuery query, [AsParameters] ClientAdminServices services)
    {
        var errors = new Dictionary<string, string[]>();
        bool? enabled = query.Enabled switch
        {
            null or "" => null,
            var e when e.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var e when e.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => Fail(errors, "enabled", "Must be true or false."),
        };
        var pageNo = ParsePositive(query.PageNo, 1, int.MaxValue / MaxPageSize, "pageNo", errors);
        var pageSize = ParsePositive(query.PageSize, 10, MaxPageSize, "pageSize", errors);
        if (errors.Count > 0)
            return EnvelopeResults.Invalid(errors);

        var filter = new ClientFilter(NullIfEmpty(query.ClientName), enabled, NullIfEmpty(query.TenantId));
        var (rows, total) = await services.Admin.ListAsync(filter, (pageNo - 1) * pageSize, pageSize);
        return EnvelopeResults.Ok(new ClientPage(total, pageNo, pageSize, rows.Select(r => ClientMerge.View(r)).ToList()));
    }

    /// <summary>Adds a client; its secret (given or generated) is answered once. Rejects invalid fields and a taken id (409).</summary>
    private static async Task<IResult> Add(HttpContext http, [AsParameters] ClientAdminServices services)
    {
        var (request, error) = await JsonBody.ReadAsync<ClientRequest>(http.Request);
        if (error is not null)
            return error;
        var validation = CreateValidator.Validate(request!);
        if (!validation.IsValid)
            return EnvelopeResults.Invalid(FieldErrors.From(validation));

        var id = request!.TargetId ?? $"client-{RandomTokens.New()[..16]}";
        var merged = ClientMerge.Apply(null, request, id, partial: false);
        if (ClientMerge.Problems(merged, request) is { Count: > 0 } problems)
            return EnvelopeResults.Invalid(problems);
        if (!await services.Admin.InsertAsync(merged.Row, AdminActor.Audit(http.User, id, "created", merged.Fields)))
            return EnvelopeResults.Conflict(ApiCodes.ClientExists, "A client with this id exists.");
        return await AnswerStoredAsync(http, services, id, merged.RevealedSecret);
    }

    /// <summary>Replaces every field of a client (absent ones take their defaults; an absent secret is kept).</summary>
    private static Task<IResult> Replace(HttpContext http, [AsParameters] ClientAdminServices services) =>
        WriteAsync(http, services, partial: false);

    /// <summary>Changes the given fields of a client and keeps the others.</summary>
    private static Task<IResult> Update(HttpContext http, [AsParameters] ClientAdminServices services) =>
        WriteAsync(http, services, partial: true);

    /// <summary>
    /// Replace and update as a compare-and-swap on the client's version. With an expected version
    /// (<c>If-Match</c> or <c>version</c>) a stale one is 409; without, a lost race is retried on the new state.
    /// </summary>
    private static async Task<IResult> WriteAsync(HttpContext http, ClientAdminServices services, bool partial)
    {
        var (request, error) = await JsonBody.ReadAsync<ClientRequest>(http.Request);
        if (error is not null)
            return error;
        var validation = (partial ? UpdateValidator : CreateValidator).Validate(request!);
        if (!partial && request!.TargetId is null)
            validation.Errors.Add(new FluentValidation.Results.ValidationFailure("clientId", "Name the client to replace (clientId or id)."));
        if (!validation.IsValid)
            return EnvelopeResults.Invalid(FieldErrors.From(validation));
        if (!TryExpectedVersion(http.Request, request!, out var expected))
            return EnvelopeResults.BadRequest("If-Match must be a client version, e.g. \"3\".");

        var id = request!.TargetId!;
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await services.Clients.FindRowAsync(id);
            if (current is null)
                return EnvelopeResults.NotFound("No client has this id.");
            if (expected is not null && expected != current.Version)
                return StaleWrite();

            var merged = ClientMerge.Apply(current, request, id, partial);
            if (ClientMerge.Problems(merged, request) is { Count: > 0 } problems)
                return EnvelopeResults.Invalid(problems);
            var audit = AdminActor.Audit(http.User, id, partial ? "updated" : "replaced", merged.Fields);
            var (result, stored) = await services.Admin.ReplaceAsync(merged.Row, current.Version, audit);
            switch (result)
            {
                case ClientWrite.Written:
                    return Answer(http, stored!, merged.RevealedSecret);
                case ClientWrite.NotFound:
                    return EnvelopeResults.NotFound("No client has this id.");
                case ClientWrite.Stale when expected is not null:
                    return StaleWrite();
            }
        }
        return StaleWrite();
    }

    /// <summary>Deletes 1 to 200 unique ids (repeated <c>ids=</c> or comma-separated) and, with them, their tokens.</summary>
    private static async Task<IResult> Delete(HttpContext http, [FromQuery] string[]? ids, [AsParameters] ClientAdminServices services)
    {
        var list = (ids ?? []).SelectMany(i => i.Split(',')).Select(i => i.Trim()).ToList();
        var errors = new Dictionary<string, string[]>();
        if (list.Count is 0 or > MaxDeleteIds)
            errors["ids"] = [$"Give 1 to {MaxDeleteIds} client ids."];
        else if (list.Any(i => i.Length == 0))
            errors["ids"] = ["Client ids must not be empty."];
        else if (list.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList() is { Count: > 0 } repeated)
            errors["ids"] = [$"Client ids must be unique; repeated: {string.Join(", ", repeated)}."];
        if (errors.Count > 0)
            return EnvelopeResults.Invalid(errors);

        var deleted = await services.Admin.DeleteAsync(list, id => AdminActor.Audit(http.User, id, "deleted", []));
        return EnvelopeResults.Ok(new ClientDeletion(deleted, list.Except(deleted, StringComparer.Ordinal).ToList()));
    }

    /// <summary>One client, without its secret.</summary>
    private static Task<IResult> Detail(HttpContext http, string id, [AsParameters] ClientAdminServices services) =>
        AnswerStoredAsync(http, services, id, null);

    /// <summary>Generates a new secret for a confidential client and answers it once; the old one stops working at once.</summary>
    private static async Task<IResult> RotateSecret(HttpContext http, string id, [AsParameters] ClientAdminServices services)
    {
        var current = await services.Clients.FindRowAsync(id);
        if (current is null)
            return EnvelopeResults.NotFound("No client has this id.");
        if (current.AuthMethods is [ClientAuthMethods.None])
            return EnvelopeResults.Error(StatusCodes.Status400BadRequest, ApiCodes.PublicClient, "A public client has no secret.");

        var secret = ClientSecretPolicy.Generate();
        var stored = await services.Admin.SetSecretAsync(id, SecretHasher.Hash(secret), AdminActor.Audit(http.User, id, "secret_rotated", ["clientSecret"]));
        return stored is null ? EnvelopeResults.NotFound("No client has this id.") : Answer(http, stored, secret);
    }

    /// <summary>Who changed the client, what and when (field names only), oldest first; also for a deleted client.</summary>
    private static async Task<IResult> Audit(string id, [AsParameters] ClientAdminServices services)
    {
        var entries = await services.Audit.ListAsync(id);
        if (entries.Count == 0 && await services.Clients.FindRowAsync(id) is null)
            return EnvelopeResults.NotFound("No client has this id.");
        return EnvelopeResults.Ok(entries.Select(e => new ClientAuditView(
            e.Action, e.Actor, e.ActorClientId, e.Fields, e.At)).ToList());
    }

    private static async Task<IResult> AnswerStoredAsync(HttpContext http, ClientAdminServices services, string id, string? secret)
    {
        var row = await services.Clients.FindRowAsync(id);
        return row is null ? EnvelopeResults.NotFound("No client has this id.") : Answer(http, row, secret);
    }

    private static IResult Answer(HttpContext http, ClientRow row, string? secret)
    {
        http.Response.Headers.ETag = $"\"{row.Version}\"";
        return EnvelopeResults.Ok(ClientMerge.View(row, secret));
    }

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

    private static int ParsePositive(string? text, int fallback, int max, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (int.TryParse(text, out var value) && value >= 1 && value <= max)
            return value;
        errors[field] = [$"Must be a whole number from 1 to {max}."];
        return fallback;
    }

    private static bool? Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
