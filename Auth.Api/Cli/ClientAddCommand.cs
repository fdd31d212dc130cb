using Auth.Api.Clients;
using Auth.Data.Clients;

namespace Auth.Api.Cli;

/// <summary>
/// <c>client add --id ID [--secret S] --grants g1,g2 --scopes s1,s2 [--redirect-uri URI]...
/// [--auth-methods m1,m2] [--audiences a1,a2] [--access-token-ttl S] [--refresh-token-ttl S] [--code-ttl S]
/// [--jwks-file PATH] [--require-par] [--require-dpop] [--profile fapi2] [--post-logout-redirect-uri URI]...</c>:
/// prints the client, with its secret (given or generated) shown this once.
/// </summary>
public static class ClientAddCommand
{
    public static async Task<object> RunAsync(CliArgs args)
    {
        var defaults = new NewClient { Id = "" };
        var client = new NewClient
        {
            Id = args.Required("--id"),
            Secret = args.Single("--secret"),
            Name = args.Single("--name"),
            GrantTypes = args.List("--grants"),
            Scopes = args.List("--scopes"),
            RedirectUris = args.List("--redirect-uri"),
            PostLogoutRedirectUris = args.List("--post-logout-redirect-uri"),
            AuthMethods = args.Single("--auth-methods") is null ? defaults.AuthMethods : args.List("--auth-methods"),
            Audiences = args.List("--audiences"),
            AccessTokenTtlSeconds = args.Int("--access-token-ttl") ?? defaults.AccessTokenTtlSeconds,
            RefreshTokenTtlSeconds = args.Int("--refresh-token-ttl") ?? defaults.RefreshTokenTtlSeconds,
            CodeTtlSeconds = args.Int("--code-ttl") ?? defaults.CodeTtlSeconds,
            ClientSettings = FinancialGradeArgs.Settings(args),
        };
        var problems = client.Problems().ToList();
        if (problems.Count > 0)
            throw new CliException(string.Join("; ", problems));

        await using var services = CliServices.Create();
        var store = services.GetRequiredService<ClientStore>();
        var (row, secret) = client.ToRow();
        switch (await store.InsertAsync(row))
        {
            case ClientInsert.Taken:
                throw new InvalidOperationException($"A client with id '{client.Id}' exists already.");
            case ClientInsert.Deleted:
                throw new InvalidOperationException($"A client with id '{client.Id}' was deleted; deleted ids are not reused.");
        }
        return client.Describe(secret);
    }
}
