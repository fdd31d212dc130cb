using Auth.Api.Hosting.OpenApi;
using System.Text.Json.Serialization;
using Auth.Api.Bearer;
using Auth.Api.Hosting;
using Auth.Api.Keys;
using Auth.Core.Authorization;
using Auth.Core.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Scopes;
using Auth.Core.Tokens;
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
        var group = routes.MapGroup("/v1/oauth").RequireAuthorization(ScopePolicies.Broker)
            .WithTags(DocumentDescription.Broker).ProducesEmpty(StatusCodes.Status403Forbidden)
            .Answers(typeof(BrokerResults.ErrorBody), RouteDocs.Json, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/clients/{client_id}", GetClient).WithSummary("Retrieve a client for an OAuth flow (document 002)")
            .Produces<ClientInfo>().Answers(typeof(BrokerResults.ErrorBody), RouteDocs.Json, StatusCodes.Status401Unauthorized, StatusCodes.Status422UnprocessableEntity)
            .ResponseExample(StatusCodes.Status200OK, "client", "Document 002's sample", SeedExamples.BrokerClient);
        group.MapPost("/authorize", IssueCode).DisableAntiforgery().WithBodyLimit(BrokerBody.MaxBodyBytes).WithSummary("Issue a code for an account the broker signed in")
            .BrokerBody().Produces<CodeInfo>()
            .ResponseExample(StatusCodes.Status200OK, "code", "Document 002's sample", SeedExamples.BrokerCode);
        group.MapPost("/token", IssueToken).DisableAntiforgery().WithBodyLimit(BrokerBody.MaxBodyBytes).WithSummary("Issue a token for an account the broker signed in")
            .BrokerBody().Produces<TokenInfo>()
            .ResponseExample(StatusCodes.Status200OK, "token", "Document 002's sample (plus scope and expires_in)", SeedExamples.BrokerToken);
        group.MapDelete("/token/{token_id}", DeleteToken).WithSummary("Revoke a token this broker issued, by its jti")
            .ProducesEmpty(StatusCodes.Status204NoContent).Answers(typeof(BrokerResults.ErrorBody), RouteDocs.Json, StatusCodes.Status404NotFound);
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

        var code = await services.Codes.IssueAsync(authorization, account.Id, brokerClientId: BrokerId(request.HttpContext));
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
        var decision = Grant.Decide(new GrantRequest { Scope = authorization.Scope }, new BrokerSignIn(account, BrokerId(request.HttpContext)), context);
        await services.TokenState.ApplyAsync(decision, authorization.Client.Id, context.Now);
        var tokens = decision.Tokens.Value!;
        return BrokerResults.Json(new TokenInfo(tokens.AccessToken, "Bearer", tokens.Scope, tokens.ExpiresIn, tokens.RefreshToken?.Value));
    }

    /// <summary>
    /// Revokes an access token by its id (the token's <c>jti</c>) and its family, so the refresh
    /// token issued with it stops working too: 204 for a token this broker issued (from /token, from a
    /// code of /authorize, or refreshed from one of those); 404 for any other id, known or not, so the
    /// route is neither an oracle of token ids nor a way to revoke another client's users.
    /// </summary>
    private static async Task<IResult> DeleteToken(
        HttpContext http, [FromRoute(Name = "token_id")] string tokenId, TokenStateStore tokens, TimeProvider clock)
    {
        if (!Guid.TryParse(tokenId, out var jti) || !await tokens.RevokeIssuedAccessTokenAsync(jti, BrokerId(http), clock.GetUtcNow()))
            return BrokerResults.NotFound("No such token.");
        return Results.NoContent();
    }

    /// <summary>The broker: the client of the bearer token the route was called with.</summary>
    private static string BrokerId(HttpContext http) =>
        http.User.FindFirst(ClaimNames.ClientId)?.Value
        ?? throw new InvalidOperationException("The broker policy admits only bearer tokens, which always name their client.");

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
        [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null);
}
