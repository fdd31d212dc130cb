using System.Text.Json.Serialization;
using Auth.Api.Bearer;
using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Scopes;
using Auth.Data.Clients;
using Auth.Data.Tokens;
using Auth.Data.Users;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Broker;

/// <summary>What the broker API needs, bound with [AsParameters].</summary>
public sealed record BrokerServices(
    ClientStore Clients,
    UserStore Users,
    Authorize.CodeIssuer Codes,
    TokenStateStore TokenState,
    SigningKeyRing Keys,
    AuthSettings Settings,
    TimeProvider Clock);

/// <summary>
/// The broker API of document 002: a broker that has signed its users in itself looks up
/// clients, and issues codes and tokens for an account. Every route needs a bearer token with
/// scope <c>broker</c>.
/// </summary>
public static class BrokerEndpoints
{
    private static readonly BrokerGrant Grant = new();

    public static RouteGroupBuilder MapBrokerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/oauth").RequireAuthorization(ScopePolicies.Broker);
        group.MapGet("/clients/{client_id}", GetClient);
        group.MapPost("/authorize", IssueCode).DisableAntiforgery().WithBodyLimit(BrokerBody.MaxBodyBytes);
        group.MapPost("/token", IssueToken).DisableAntiforgery().WithBodyLimit(BrokerBody.MaxBodyBytes);
        group.MapDelete("/token/{token_id}", DeleteToken);
        return group;
    }

    /// <summary>
    /// A client's public description. Rejects an unknown client (401), and a response_type other
    /// than code (implicit is not served, RFC 9700 §2.1.2), an unregistered redirect URI or a
    /// scope outside the client's (422).
    /// </summary>
    private static async Task<IResult> GetClient(
        [FromRoute(Name = "client_id")] string clientId,
        [FromQuery(Name = "response_type")] string? responseType,
        [FromQuery(Name = "redirect_uri")] string? redirectUri,
        [FromQuery(Name = "scope")] string? scope,
        ClientStore clients)
    {
        var row = await clients.FindRowAsync(clientId);
        if (row is null)
            return BrokerResults.Unauthorized("Client does not exist.");
        if (!string.IsNullOrEmpty(responseType) && responseType != AuthorizationRequestValidator.CodeResponseType)
            return BrokerResults.Unprocessable("Only response_type=code is supported.");
        if (!string.IsNullOrEmpty(redirectUri) && !AuthorizationRequestValidator.IsRegisteredRedirectUri(row.RedirectUris, redirectUri))
            return BrokerResults.Unprocessable("The redirect URI is not registered for this client.");
        if (!string.IsNullOrEmpty(scope) && ScopePolicy.Grant(scope, row.Scopes).IsError)
            return BrokerResults.Unprocessable("The scope is invalid for this client.");

        var active = row.Enabled && row.Status == ClientStatus.Active;
        return BrokerResults.Json(new ClientInfo(row.Id, row.Name, row.Description ?? "", "", "", "",
            active ? "ACTIVE" : "DISABLED", row.RedirectUris, false));
    }

    /// <summary>Issues an authorization code for an account the broker signed in; the client redeems it at /oauth/token.</summary>
    private static async Task<IResult> IssueCode(HttpRequest request, [AsParameters] BrokerServices services)
    {
        var checkedRequest = await BrokerRequest.ReadAsync(request, services);
        if (checkedRequest.Refusal is { } refusal)
            return refusal;
        var (authorization, account) = (checkedRequest.Request!, checkedRequest.Account!);

        var code = await services.Codes.IssueAsync(authorization, account.Id);
        if (code is null)
            return BrokerResults.Unprocessable("account_id does not name an active account.");
        return BrokerResults.Json(new CodeInfo(code, authorization.Client.Id, authorization.RedirectUri, authorization.Scope));
    }

    /// <summary>Issues tokens for an account the broker signed in, as a code redemption would, in a new family.</summary>
    private static async Task<IResult> IssueToken(HttpRequest request, [AsParameters] BrokerServices services)
    {
        var checkedRequest = await BrokerRequest.ReadAsync(request, services);
        if (checkedRequest.Refusal is { } refusal)
            return refusal;
        var (authorization, account) = (checkedRequest.Request!, checkedRequest.Account!);

        var context = new GrantContext(authorization.Client, services.Settings.Issuer, services.Keys.Current, services.Clock.GetUtcNow());
        var decision = Grant.Decide(new GrantRequest { Scope = authorization.Scope }, account, context);
        await services.TokenState.ApplyAsync(decision, authorization.Client.Id, context.Now);
        var tokens = decision.Tokens.Value!;
        return BrokerResults.Json(new TokenInfo(tokens.AccessToken, "Bearer", tokens.Scope, tokens.ExpiresIn, tokens.RefreshToken?.Value));
    }

    /// <summary>
    /// Revokes an access token by its id (the token's <c>jti</c>) and its family, so the refresh
    /// token issued with it stops working too: 204, or 404 for an id never issued here.
    /// </summary>
    private static async Task<IResult> DeleteToken([FromRoute(Name = "token_id")] string tokenId, TokenStateStore tokens, TimeProvider clock)
    {
        if (!Guid.TryParse(tokenId, out var jti) || !await tokens.RevokeIssuedAccessTokenAsync(jti, clock.GetUtcNow()))
            return BrokerResults.NotFound("No such token.");
        return Results.NoContent();
    }

    public sealed record ClientInfo(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("terms_of_use")] string TermsOfUse,
        [property: JsonPropertyName("privacy_policy")] string PrivacyPolicy,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("redirect_uri")] IReadOnlyList<string> RedirectUri,
        [property: JsonPropertyName("live_trading_approved")] bool LiveTradingApproved);

    public sealed record CodeInfo(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("redirect_uri")] string RedirectUri,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record TokenInfo(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);
}
