using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Admin.Clients;
using Auth.Core.Grants;
using Auth.Core.OAuth;
using Auth.Core.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Tests.Authorize;

/// <summary>
/// A browser without JavaScript, as HTTP: keeps cookies, never follows redirects, and fills in
/// the sign-in and consent forms the pages serve (anti-forgery token included).
/// </summary>
public sealed partial class CodeFlow(WebApplicationFactory<Program> app, CookieContainer? cookies = null)
{
    public const string RedirectUri = "https://app.example/callback";

    /// <summary>The browser's cookie jar; another <see cref="CodeFlow"/> given the same jar is the same browser.</summary>
    public CookieContainer Cookies { get; } = cookies ?? new CookieContainer();

    // Note: without a redirect handler the client returns every redirect as is.
    public HttpClient Http => _http ??= app.CreateDefaultClient(new CookieContainerHandler(Cookies));
    private HttpClient? _http;

    /// <summary>A confidential client (or public, with auth method none) registered for the code flow.</summary>
    public static NewClient Client(string? id = null, bool isPublic = false, string[]? grants = null, int codeTtl = 300) => new()
    {
        Id = id ?? $"app-{Guid.NewGuid():N}"[..16],
        Name = "Northwind Trading",
        GrantTypes = grants ?? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        Scopes = ["profile", "history", "trade"],
        RedirectUris = [RedirectUri],
        AuthMethods = isPublic ? [ClientAuthMethods.None] : [ClientAuthMethods.SecretBasic, ClientAuthMethods.SecretPost],
        CodeTtlSeconds = codeTtl,
    };

    public static string Query(string clientId, string? scope = "profile history", string? state = "st-123",
        string? challenge = null, string? method = "S256", string redirectUri = RedirectUri, string? responseType = "code")
    {
        var parameters = new Dictionary<string, string?>
        {
            [Parameters.ClientId] = clientId,
            [Parameters.RedirectUri] = redirectUri,
            [Parameters.ResponseType] = responseType,
            [Parameters.Scope] = scope,
            [Parameters.State] = state,
        };
        if (challenge is not null)
        {
            parameters[Parameters.CodeChallenge] = challenge;
            parameters[Parameters.CodeChallengeMethod] = method;
        }
        return QueryHelpers.AddQueryString("", parameters.Where(p => p.Value is not null));
    }

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = RandomTokens.New() + RandomTokens.New()[..10];
        return (verifier, Pkce.ChallengeOf(verifier));
    }

    public Task<HttpResponseMessage> AuthorizeAsync(string query) => Http.GetAsync("/oauth/authorize" + query);

    /// <summary>Loads the page at /oauth/authorize and posts its sign-in form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string query, string username, string password)
    {
        var page = await AuthorizeAsync(query);
        var token = await FormTokenAsync(page);
        return await PostAsync("/oauth/authorize/sign-in" + query, [new("__RequestVerificationToken", token), new("username", username), new("password", password)]);
    }

    /// <summary>Loads the consent page (the user must be signed in) and posts its decision.</summary>
    public async Task<HttpResponseMessage> DecideAsync(string query, string decision)
    {
        var page = await AuthorizeAsync(query);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("name=\"decision\"", html);
        return await PostAsync("/oauth/authorize/consent" + query, [new("__RequestVerificationToken", FormToken(html)), new("decision", decision)]);
    }

    /// <summary>Signs in, allows, and returns the code of the redirect.</summary>
    public async Task<string> CodeAsync(string query, string username, string password)
    {
        var signIn = await SignInAsync(query, username, password);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var redirect = await DecideAsync(query, "allow");
        Assert.Equal(HttpStatusCode.SeeOther, redirect.StatusCode);
        return RedirectParameters(redirect)[Parameters.Code];
    }

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form) =>
        Http.PostAsync(path, new FormUrlEncodedContent(form));

    public static Dictionary<string, string> RedirectParameters(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri + "?", location);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static async Task<string> FormTokenAsync(HttpResponseMessage page) => FormToken(await page.Content.ReadAsStringAsync());

    public static string FormToken(string html) => TokenField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new Xunit.Sdk.XunitException("The page has no anti-forgery field.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
