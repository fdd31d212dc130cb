using Auth.Api.Admin.Envelope;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Auth.Data.Audit;
using Auth.Data.Clients;
using FluentValidation.Results;

namespace Auth.Api.Admin;

public enum ClientChangeStatus
{
    Written,
    Invalid,
    NotFound,
    /// <summary>The client changed since the version the caller expected.</summary>
    Stale,
    /// <summary>A client with this id exists.</summary>
    Exists,
    /// <summary>A client with this id existed and was deleted: deleted ids are not reused, so no old token comes back.</summary>
    Deleted,
    PublicClient,
}

/// <summary>The outcome of a change: the stored row and a secret to show once, or why not.</summary>
public sealed record ClientChange(
    ClientChangeStatus Status, ClientRow? Row = null, string? RevealedSecret = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>One page of the client list, or the query's errors.</summary>
public sealed record ClientListing(IReadOnlyList<ClientRow> Rows, long Total, int PageNo, int PageSize, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The rules of client administration, shared by the admin API (document 004, app approval) and the
/// operators' console: the same validation, merge, optimistic concurrency, stores and audit entries.
/// </summary>
public sealed class ClientAdministration(ClientStore clients, ClientAdminStore admin, ClientAuditStore audit)
{
    public const int MaxDeleteIds = 200;
    public const int MaxPageSize = 100;
    private const int MaxWriteAttempts = 5;
    private static readonly ClientRequestValidator CreateValidator = new(partial: false);
    private static readonly ClientRequestValidator UpdateValidator = new(partial: true);

    /// <summary>One page of clients matching the filters; rejects a malformed <c>enabled</c>, <c>pageNo</c> or <c>pageSize</c>.</summary>
    public async Task<ClientListing> ListAsync(ClientListQuery query)
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
            return new([], 0, pageNo, pageSize, errors);

        var filter = new ClientFilter(NullIfEmpty(query.ClientName), enabled, NullIfEmpty(query.TenantId));
        var (rows, total) = await admin.ListAsync(filter, (pageNo - 1) * pageSize, pageSize);
        return new(rows, total, pageNo, pageSize, errors);
    }

    public Task<ClientRow?> FindAsync(string id) => clients.FindRowAsync(id);

    /// <summary>Who changed the client, what and when, oldest first; also for a deleted client.</summary>
    public Task<IReadOnlyList<ClientAuditRow>> AuditAsync(string id) => audit.ListAsync(id);

    /// <summary>Adds a client; its secret (given or generated) is revealed once. Rejects invalid fields, a taken id and a deleted client's id.</summary>
    public async Task<ClientChange> AddAsync(ClientRequest request, AuditActor actor)
    {
        var validation = CreateValidator.Validate(request);
        if (!validation.IsValid)
            return Invalid(FieldErrors.From(validation));

        var id = request.TargetId ?? $"client-{RandomTokens.New()[..16]}";
        var merged = ClientMerge.Apply(null, request, id, partial: false);
        if (ClientMerge.Problems(merged, request) is { Count: > 0 } problems)
            return Invalid(problems);
        switch (await admin.InsertAsync(merged.Row, actor.Entry(id, "created", merged.Fields)))
        {
            case ClientInsert.Taken:
                return new(ClientChangeStatus.Exists);
            case ClientInsert.Deleted:
                return new(ClientChangeStatus.Deleted);
        }
        var stored = await clients.FindRowAsync(id);
        return stored is null ? new(ClientChangeStatus.NotFound) : new(ClientChangeStatus.Written, stored, merged.RevealedSecret);
    }

    /// <summary>
    /// Replace (every field) or update (<paramref name="partial"/>: the given fields) as a compare-and-swap
    /// on the client's version. With an expected version a stale one is refused; without, a lost race is
    /// retried on the new state.
    /// </summary>
    public async Task<ClientChange> WriteAsync(ClientRequest request, bool partial, int? expectedVersion, AuditActor actor)
    {
        var validation = (partial ? UpdateValidator : CreateValidator).Validate(request);
        if (!partial && request.TargetId is null)
            validation.Errors.Add(new ValidationFailure("clientId", "Name the client to replace (clientId or id)."));
        if (!validation.IsValid)
            return Invalid(FieldErrors.From(validation));

        var id = request.TargetId!;
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await clients.FindRowAsync(id);
            if (current is null)
                return new(ClientChangeStatus.NotFound);
            if (expectedVersion is not null && expectedVersion != current.Version)
                return new(ClientChangeStatus.Stale, current);

            var merged = ClientMerge.Apply(current, request, id, partial);
            if (ClientMerge.Problems(merged, request) is { Count: > 0 } problems)
                return Invalid(problems);
            var entry = actor.Entry(id, partial ? "updated" : "replaced", merged.Fields);
            var (result, stored) = await admin.ReplaceAsync(merged.Row, current.Version, entry);
            switch (result)
            {
                case ClientWrite.Written:
                    return new(ClientChangeStatus.Written, stored, merged.RevealedSecret);
                case ClientWrite.NotFound:
                    return new(ClientChangeStatus.NotFound);
                case ClientWrite.Stale when expectedVersion is not null:
                    return new(ClientChangeStatus.Stale);
            }
        }
        return new(ClientChangeStatus.Stale);
    }

    /// <summary>Deletes 1 to 200 unique ids and, with them, their tokens: the deleted ids and those that named no client, or the errors.</summary>
    public async Task<(ClientDeletion? Deletion, IReadOnlyDictionary<string, string[]> Errors)> DeleteAsync(IReadOnlyList<string> ids, AuditActor actor)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids.Count is 0 or > MaxDeleteIds)
            errors["ids"] = [$"Give 1 to {MaxDeleteIds} client ids."];
        else if (ids.Any(i => i.Length == 0))
            errors["ids"] = ["Client ids must not be empty."];
        else if (ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList() is { Count: > 0 } repeated)
            errors["ids"] = [$"Client ids must be unique; repeated: {string.Join(", ", repeated)}."];
        if (errors.Count > 0)
            return (null, errors);

        var deleted = await admin.DeleteAsync(ids, id => actor.Entry(id, "deleted", []));
        return (new ClientDeletion(deleted, ids.Except(deleted, StringComparer.Ordinal).ToList()), errors);
    }

    /// <summary>Generates a new secret for a confidential client, revealed once, without an expiry; the old one stops working at once.</summary>
    public async Task<ClientChange> RotateSecretAsync(string id, AuditActor actor)
    {
        var current = await clients.FindRowAsync(id);
        if (current is null)
            return new(ClientChangeStatus.NotFound);
        if (current.AuthMethods is [ClientAuthMethods.None])
            return new(ClientChangeStatus.PublicClient, current);

        var secret = ClientSecretPolicy.Generate();
        // Note: a fresh secret starts without an expiry; the old one's (perhaps past) would kill it at once.
        var stored = await admin.SetSecretAsync(id, SecretHasher.Hash(secret), secretExpiresAt: null,
            actor.Entry(id, "secret_rotated", ["clientSecret", "clientSecretExpiresAt"]));
        return stored is null ? new(ClientChangeStatus.NotFound) : new(ClientChangeStatus.Written, stored, secret);
    }

    /// <summary>Approves (<c>active</c>) or rejects an app, with an optional reason kept in the audit trail.</summary>
    public async Task<ClientChange> DecideAsync(string id, bool approve, AuditActor actor, string? reason = null)
    {
        var (status, action) = approve ? (ClientStatus.Active, "approved") : (ClientStatus.Rejected, "rejected");
        var row = await admin.SetStatusAsync(id, status, actor.Entry(id, action, ["status"], note: reason));
        return row is null ? new(ClientChangeStatus.NotFound) : new(ClientChangeStatus.Written, row);
    }

    private static ClientChange Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ClientChangeStatus.Invalid, Errors: errors);

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
