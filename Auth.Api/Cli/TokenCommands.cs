using System.CommandLine;
using System.Text.Json;
using Auth.Api.Bearer;
using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Data.Consents;
using Auth.Data.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Cli;

/// <summary>
/// <c>token introspect|revoke (--token-stdin | --token-file PATH)</c>: an access or refresh token looked
/// up in the database as the service would (signature, lifetime, revocation), for any client: this is the
/// operator's view, not a client's (RFC 7662, RFC 7009 restrict a client to its own tokens).
/// </summary>
public static class TokenCommands
{
    public static Command Build() => new("token", "Inspect or revoke an access or refresh token.")
    {
        WithToken("introspect", "Show whether a token is active, and its claims (like RFC 7662 introspection).", IntrospectAsync),
        WithToken("revoke", "Revoke a token: an access token at once, a refresh token with its whole family.", RevokeAsync),
    };

    private static Command WithToken(string name, string description, Func<IServiceProvider, string, Task<object>> run)
    {
        var stdin = CliOptions.Flag("--token-stdin", "read the token from the first line of stdin");
        var file = CliOptions.Text("--token-file", "read the token from the first line of this file");
        return new Command(name, description) { stdin, file }.Runs(async parse =>
        {
            var token = SecretInput.Read(parse.GetValue(stdin), parse.GetValue(file), "--token-stdin", "--token-file")
                ?? throw new CliException("--token-stdin or --token-file is required: a token is a credential, never an argument.");
            await using var services = CliServices.Create();
            return await run(services, token.Trim());
        });
    }

    private static async Task<object> IntrospectAsync(IServiceProvider services, string token)
    {
        var now = DateTimeOffset.UtcNow;
        if (OpaqueTokenShape.Matches(token))
        {
            var stored = await services.GetRequiredService<TokenStateStore>().FindRefreshTokenAsync(SecretHasher.Hash(token));
            if (stored is not null)
                return new
                {
                    active = stored.IsActive(now),
                    token_type = "refresh_token",
                    client_id = stored.ClientId,
                    sub = stored.UserId,
                    username = stored.Username,
                    scope = stored.Scope,
                    iat = stored.CreatedAt.ToUnixTimeSeconds(),
                    exp = stored.ExpiresAt.ToUnixTimeSeconds(),
                    consumed_at = stored.ConsumedAt,
                };
        }
        var verification = await VerifyAsync(services, token);
        if (verification.Token is not { } jwt)
            return new { active = false, reason = "not a token of this service" };
        var answer = new Dictionary<string, object?>
        {
            ["active"] = verification.State == AccessTokenState.Active,
            ["token_type"] = "access_token",
        };
        if (verification.State != AccessTokenState.Active)
            answer["reason"] = verification.State.ToString().ToLowerInvariant();
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        foreach (var claim in payload.RootElement.EnumerateObject())
            answer[claim.Name] = claim.Value.Clone();
        return answer;
    }

    private static async Task<object> RevokeAsync(IServiceProvider services, string token)
    {
        var now = DateTimeOffset.UtcNow;
        var state = services.GetRequiredService<TokenStateStore>();
        if (OpaqueTokenShape.Matches(token))
        {
            var hash = SecretHasher.Hash(token);
            if (await state.FindRefreshTokenAsync(hash) is { } stored)
            {
                await state.RevokeFamilyOfRefreshTokenAsync(hash, stored.ClientId, now);
                await services.GetRequiredService<ConsentStore>().ForgetForRefreshTokenAsync(hash, stored.ClientId);
                return new { revoked = true, token_type = "refresh_token", client_id = stored.ClientId };
            }
        }
        var verification = await VerifyAsync(services, token);
        if (verification.Token is not { } jwt)
            throw new CliRefusal("Not a token of this service (unknown refresh token, or an access token with a bad signature).");
        var clientId = jwt.GetPayloadValue<string>(ClaimNames.ClientId);
        Guid? familyId = jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var sid) && Guid.TryParse(sid, out var g) ? g : null;
        await state.RevokeAccessTokenAsync(Guid.Parse(jwt.Id), clientId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), familyId, now);
        return new { revoked = true, token_type = "access_token", client_id = clientId };
    }

    /// <summary>
    /// Verifies against the shared keys. The issuer is <c>Auth:Issuer</c> when configured, else the token's
    /// own (a command run beside the server need not repeat its listen address); the signature decides.
    /// </summary>
    private static async Task<AccessTokenVerification> VerifyAsync(IServiceProvider services, string token)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Auth:Issuer"];
        string? issuer = configured?.TrimEnd('/');
        if (issuer is null)
        {
            try
            {
                issuer = new JsonWebToken(token).Issuer;
            }
            catch (ArgumentException)
            {
                return new(AccessTokenState.Invalid, null);
            }
        }
        var keys = new SigningKeyRing(services.GetRequiredService<Data.Keys.SigningKeyStore>(), services.GetRequiredService<Keys.KeyEncryptionKeys>(), TimeProvider.System,
            services.GetRequiredService<ILogger<SigningKeyRing>>());
        await keys.LoadAsync();
        var settings = new AuthSettings { Issuer = issuer };
        return await new AccessTokenVerifier(keys, services.GetRequiredService<TokenStateStore>(), settings, TimeProvider.System).VerifyAsync(token);
    }
}
