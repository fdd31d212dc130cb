using System.CommandLine;
using Auth.Api.Hosting;
using Auth.Core.OAuth;

namespace Auth.Api.Cli;

/// <summary>
/// <c>perform client-credentials|authorization-code</c>: run a flow against the running service as a
/// client would (as ORY Hydra's <c>hydra perform</c> does), printing the token response.
/// </summary>
public static class PerformCommands
{
    public static Command Build() => new("perform", "Run an OAuth flow against the running service and print the tokens.")
    {
        ClientCredentials(),
        AuthorizationCodeFlow.Build(),
    };

    /// <summary>The options every flow shares: the service, the client and its secret, the scopes.</summary>
    public sealed class ClientOptions
    {
        public readonly Option<string> Issuer = CliOptions.Text("--issuer", "the service's base URL (default: Auth:Issuer, else --urls' first, else http://127.0.0.1:5080)");
        public readonly Option<string> ClientId = CliOptions.Text("--client-id", "the client id", required: true);
        public readonly Option<bool> SecretStdin = CliOptions.Flag("--client-secret-stdin", "read the client secret from the first line of stdin");
        public readonly Option<string> SecretFile = CliOptions.Text("--client-secret-file", "read the client secret from the first line of this file");
        public readonly Option<string[]> Scopes = CliOptions.List("--scope", "scopes to ask for (repeatable or comma separated)");

        public void AddTo(Command command)
        {
            command.Add(Issuer);
            command.Add(ClientId);
            command.Add(SecretStdin);
            command.Add(SecretFile);
            command.Add(Scopes);
        }

        public TokenEndpointClient Client(ParseResult parse, bool secretRequired)
        {
            var secret = SecretInput.Read(parse.GetValue(SecretStdin), parse.GetValue(SecretFile), "--client-secret-stdin", "--client-secret-file");
            if (secret is null && secretRequired)
                throw new CliException("--client-secret-stdin or --client-secret-file is required: a secret is never an argument.");
            var text = parse.GetValue(Issuer) ?? AuthSettings.From(CliServices.Configuration()).Issuer;
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
                throw new CliException($"--issuer must be an http(s) URL, not '{text}'.");
            return new TokenEndpointClient(issuer, parse.GetValue(ClientId)!, secret);
        }

        public string? Scope(ParseResult parse) => parse.GetValue(Scopes) is { Length: > 0 } s ? string.Join(' ', s) : null;
    }

    private static Command ClientCredentials()
    {
        var options = new ClientOptions();
        var command = new Command("client-credentials", "Get an access token with the client_credentials grant (RFC 6749 §4.4).");
        options.AddTo(command);
        return command.Runs(async parse =>
        {
            using var client = options.Client(parse, secretRequired: true);
            var form = new List<KeyValuePair<string, string>> { new(Parameters.GrantType, GrantTypes.ClientCredentials) };
            if (options.Scope(parse) is { } scope)
                form.Add(new(Parameters.Scope, scope));
            return await client.PostAsync(form);
        });
    }
}
