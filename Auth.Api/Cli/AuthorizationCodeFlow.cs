using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Cli;

/// <summary>
/// <c>perform authorization-code</c>: listens on a loopback redirect URI, prints the authorization URL to
/// open, then redeems the code with its PKCE verifier (RFC 7636, S256) and prints the tokens. The state
/// must come back unchanged (RFC 6749 §10.12).
/// </summary>
public static class AuthorizationCodeFlow
{
    public const string DefaultRedirectUri = "http://localhost:8080/callback";

    public static Command Build()
    {
        var options = new PerformCommands.ClientOptions();
        var redirect = CliOptions.Text("--redirect-uri", $"the loopback redirect URI registered for the client (default {DefaultRedirectUri})");
        var timeout = CliOptions.PositiveInt("--timeout", "seconds to wait for the browser (default 300)");
        var command = new Command("authorization-code", "Sign a user in through the browser (authorization code with PKCE) and print the tokens.") { redirect, timeout };
        options.AddTo(command);
        return command.Runs(async parse =>
        {
            using var client = options.Client(parse, secretRequired: false);
            var redirectText = parse.GetValue(redirect) ?? DefaultRedirectUri;
            if (!Uri.TryCreate(redirectText, UriKind.Absolute, out var redirectUri))
                throw new CliException($"--redirect-uri must be an absolute URL, not '{redirectText}'.");
            using var callback = new LoopbackCallback(redirectUri);

            var state = RandomTokens.New();
            var verifier = RandomTokens.New();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            var query = new Dictionary<string, string?>
            {
                [Parameters.ResponseType] = "code",
                [Parameters.ClientId] = client.ClientId,
                [Parameters.RedirectUri] = redirectText,
                [Parameters.State] = state,
                [Parameters.CodeChallenge] = challenge,
                [Parameters.CodeChallengeMethod] = "S256",
            };
            if (options.Scope(parse) is { } scope)
                query[Parameters.Scope] = scope;
            var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(new Uri(client.Issuer, "oauth/authorize").ToString(), query);
            Console.Error.WriteLine("Open this URL in a browser to sign in:");
            Console.Error.WriteLine($"  {url}");
            Console.Error.WriteLine($"Waiting for the redirect to {redirectText} ...");

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 300));
            IReadOnlyDictionary<string, string> answer;
            try
            {
                answer = await callback.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                throw new CliRefusal("no redirect arrived before --timeout.");
            }
            if (answer.GetValueOrDefault(Parameters.State) != state)
                throw new CliRefusal("the redirect's state does not match the request's: ignored (RFC 6749 §10.12).");
            if (answer.TryGetValue("error", out var error))
                throw new CliRefusal($"the authorization was refused: {error}{(answer.TryGetValue("error_description", out var d) ? $": {d}" : "")}");
            var code = answer.GetValueOrDefault(Parameters.Code) ?? throw new CliRefusal("the redirect carried no code.");
            return await client.PostAsync([
                new(Parameters.GrantType, GrantTypes.AuthorizationCode),
                new(Parameters.Code, code),
                new(Parameters.RedirectUri, redirectText),
                new(Parameters.CodeVerifier, verifier),
            ]);
        });
    }
}
