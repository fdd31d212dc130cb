using System.CommandLine;
using Auth.Api.Admin.Clients;
using Auth.Data.Clients;

namespace Auth.Api.Cli;

/// <summary>
/// <c>client add --id ID [--secret-stdin | --secret-file PATH] --grants g1,g2 --scopes s1,s2 [--redirect-uri URI]...
/// [--auth-methods m1,m2] [--audiences a1,a2] [--access-token-ttl S] [--refresh-token-ttl S] [--code-ttl S]
/// [--jwks-file PATH] [--require-par] [--require-dpop] [--profile fapi2] [--post-logout-redirect-uri URI]...</c>:
/// prints the client, with its secret (given or generated) shown this once.
/// </summary>
public static class ClientAddCommand
{
    public static Command Build()
    {
        var id = CliOptions.Text("--id", "the client id (1 to 128 printable ASCII characters)", required: true);
        var name = CliOptions.Text("--name", "a display name (default: the id)");
        var secretStdin = CliOptions.Flag("--secret-stdin", "read the secret (32+ characters) from the first line of stdin; without it, one is generated");
        var secretFile = CliOptions.Text("--secret-file", "read the secret from the first line of this file");
        var secretArg = new Option<string>("--secret") { Description = "deprecated: the secret as an argument (visible in the process list); use --secret-stdin", Hidden = true };
        var grants = CliOptions.List("--grants", "grant types, comma separated: client_credentials, password, authorization_code, refresh_token, ...");
        grants.Required = true;
        var scopes = CliOptions.List("--scopes", "the scopes the client may ask for, comma separated");
        var redirectUris = CliOptions.List("--redirect-uri", "a redirect URI (repeatable); authorization_code needs one");
        var postLogout = CliOptions.List("--post-logout-redirect-uri", "a post-logout redirect URI (repeatable)");
        var authMethods = CliOptions.List("--auth-methods", "client_secret_basic, client_secret_post, private_key_jwt, or none (a public client)");
        var audiences = CliOptions.List("--audiences", "the aud of its access tokens (default: the client id)");
        var accessTtl = CliOptions.PositiveInt("--access-token-ttl", "access token lifetime in seconds");
        var refreshTtl = CliOptions.PositiveInt("--refresh-token-ttl", "refresh token lifetime in seconds");
        var codeTtl = CliOptions.PositiveInt("--code-ttl", "authorization code lifetime in seconds");
        var financial = new FinancialGradeArgs();

        var command = new Command("add", "Register a client; prints it with its secret, shown this once.")
        {
            id, name, secretStdin, secretFile, secretArg, grants, scopes, redirectUris, postLogout, authMethods, audiences, accessTtl, refreshTtl, codeTtl,
        };
        financial.AddTo(command);
        return command.Runs(async parse =>
        {
            var secret = SecretInput.Read(parse.GetValue(secretStdin), parse.GetValue(secretFile), "--secret-stdin", "--secret-file");
            if (parse.GetValue(secretArg) is { } given)
            {
                if (secret is not null)
                    throw new CliException("Give the secret once: --secret-stdin or --secret-file.");
                CliAction.Warn("--secret shows the secret in the process list and shell history; use --secret-stdin or --secret-file.");
                secret = given;
            }
            var defaults = new NewClient { Id = "" };
            var client = new NewClient
            {
                Id = parse.GetValue(id)!,
                Secret = secret,
                Name = parse.GetValue(name),
                GrantTypes = parse.GetValue(grants) ?? [],
                Scopes = parse.GetValue(scopes) ?? [],
                RedirectUris = parse.GetValue(redirectUris) ?? [],
                PostLogoutRedirectUris = parse.GetValue(postLogout) ?? [],
                AuthMethods = parse.GetResult(authMethods) is null ? defaults.AuthMethods : parse.GetValue(authMethods) ?? [],
                Audiences = parse.GetValue(audiences) ?? [],
                AccessTokenTtlSeconds = parse.GetValue(accessTtl) ?? defaults.AccessTokenTtlSeconds,
                RefreshTokenTtlSeconds = parse.GetValue(refreshTtl) ?? defaults.RefreshTokenTtlSeconds,
                CodeTtlSeconds = parse.GetValue(codeTtl) ?? defaults.CodeTtlSeconds,
                ClientSettings = financial.Settings(parse),
            };
            var problems = client.Problems().ToList();
            if (problems.Count > 0)
                throw new CliException(string.Join("; ", problems));

            await using var services = CliServices.Create();
            var (row, revealed) = client.ToRow();
            switch (await services.GetRequiredService<ClientStore>().InsertAsync(row))
            {
                case ClientInsert.Taken:
                    throw new CliRefusal($"A client with id '{client.Id}' exists already.");
                case ClientInsert.Deleted:
                    throw new CliRefusal($"A client with id '{client.Id}' was deleted; deleted ids are not reused.");
            }
            return client.Describe(revealed);
        });
    }
}
