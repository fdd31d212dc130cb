using System.CommandLine;
using Auth.Api.Admin;
using Auth.Api.Admin.Envelope;

namespace Auth.Api.Cli;

/// <summary>
/// <c>client add|list|show|disable|enable|delete|rotate-secret</c>, through the same rules, stores and
/// audit trail as the admin API (the actor is <c>cli:&lt;OS user&gt;</c>).
/// </summary>
public static class ClientCommands
{
    public static Command Build() => new("client", "Register and manage OAuth clients.")
    {
        ClientAddCommand.Build(),
        List(),
        WithId("show", "Show one client.", async (admin, id) => ClientMerge.View(await admin.FindAsync(id) ?? throw NotFound(id))),
        WithId("disable", "Disable a client: it can get no token until enabled.", (admin, id) => SetEnabledAsync(admin, id, false)),
        WithId("enable", "Enable a disabled client.", (admin, id) => SetEnabledAsync(admin, id, true)),
        WithId("delete", "Delete a client and its tokens; its id is not reused.", DeleteAsync),
        WithId("rotate-secret", "Generate a new secret, shown this once; the old one stops working at once.", RotateSecretAsync),
    };

    internal static AuditActor Actor => new($"cli:{Environment.UserName}", null);

    private static Command List()
    {
        var name = CliOptions.Text("--name", "only clients whose name contains this text");
        var enabled = new Option<bool?>("--enabled") { Description = "only enabled (true) or disabled (false) clients" };
        var page = CliOptions.PositiveInt("--page", "the page, from 1");
        var pageSize = CliOptions.PositiveInt("--page-size", $"clients per page (default 10, at most {ClientAdministration.MaxPageSize})");
        var command = new Command("list", "List clients, newest first.") { name, enabled, page, pageSize };
        return command.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            var listing = await services.GetRequiredService<ClientAdministration>().ListAsync(new ClientListQuery(
                parse.GetValue(name), parse.GetValue(enabled)?.ToString(), null, parse.GetValue(page)?.ToString(), parse.GetValue(pageSize)?.ToString()));
            if (listing.Errors.Count > 0)
                throw new CliException(string.Join("; ", listing.Errors.Select(e => $"--{Dashed(e.Key)}: {string.Join(" ", e.Value)}")));
            return new
            {
                total = listing.Total,
                page = listing.PageNo,
                clients = listing.Rows.Select(r => new
                {
                    clientId = r.Id, name = r.Name, enabled = r.Enabled, status = r.Status, grantTypes = r.GrantTypes, scopes = r.Scopes,
                }),
            };
        });
    }

    private static Command WithId(string name, string description, Func<ClientAdministration, string, Task<object>> run)
    {
        var id = CliOptions.Text("--id", "the client id", required: true);
        return new Command(name, description) { id }.Runs(async parse =>
        {
            await using var services = CliServices.Create();
            return await run(services.GetRequiredService<ClientAdministration>(), parse.GetValue(id)!);
        });
    }

    private static async Task<object> SetEnabledAsync(ClientAdministration admin, string id, bool enabled)
    {
        var change = await admin.WriteAsync(new ClientRequest { ClientId = id, Enabled = enabled }, partial: true, expectedVersion: null, Actor);
        return change.Status switch
        {
            ClientChangeStatus.Written => new { clientId = id, enabled = change.Row!.Enabled },
            ClientChangeStatus.NotFound => throw NotFound(id),
            _ => throw new CliRefusal($"Client '{id}' was not changed ({change.Status}{Errors(change)})."),
        };
    }

    private static async Task<object> DeleteAsync(ClientAdministration admin, string id)
    {
        var (deletion, errors) = await admin.DeleteAsync([id], Actor);
        if (deletion is null)
            throw new CliException(string.Join("; ", errors.SelectMany(e => e.Value)));
        return deletion.Deleted.Count == 1 ? new { clientId = id, deleted = true } : throw NotFound(id);
    }

    private static async Task<object> RotateSecretAsync(ClientAdministration admin, string id)
    {
        var change = await admin.RotateSecretAsync(id, Actor);
        return change.Status switch
        {
            ClientChangeStatus.Written => new { clientId = id, clientSecret = change.RevealedSecret },
            ClientChangeStatus.NotFound => throw NotFound(id),
            ClientChangeStatus.PublicClient => throw new CliRefusal($"Client '{id}' is public (auth method none): it has no secret."),
            _ => throw new CliRefusal($"Client '{id}' was not changed ({change.Status})."),
        };
    }

    private static CliRefusal NotFound(string id) => new($"No client has id '{id}'.");

    private static string Errors(ClientChange change) =>
        change.Errors is { Count: > 0 } e ? ": " + string.Join("; ", e.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")) : "";

    private static string Dashed(string camel) => string.Concat(camel.Select(c => char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : c.ToString()));
}
