using System.Net;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Data.Users;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

/// <summary>Clients and users for the OpenID Connect tests: the code flow with openid, profile and email.</summary>
public static class OidcClients
{
    public const string Password = "correct horse";
    public const string SignedOutUri = "https://app.example/signed-out";

    public static NewClient Client(string? id = null) => CodeFlow.Client(id) with
    {
        Scopes = ["openid", "profile", "email", "history"],
        PostLogoutRedirectUris = [SignedOutUri],
    };

    /// <summary>A new user with a full profile; returns the username and id.</summary>
    public static async Task<(string Username, Guid Id)> UserAsync(AuthApp app, ProfileFields? profile = null)
    {
        var username = $"u{Guid.NewGuid():N}"[..12];
        var id = await app.AddUserAsync(username, Password);
        await app.Service<UserStore>().SetProfileAsync(id, profile ?? new ProfileFields("Alice Liddell", "Alice", "Liddell", $"{username}@example.com", true));
        return (username, id);
    }

    /// <summary>Signs in on the sign-in page of this browser (asserting the 303 back to the authorization endpoint).</summary>
    public static async Task SignInAsync(CodeFlow flow, string query, string username)
    {
        var response = await flow.SignInAsync(query, username, Password);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    public static string Query(string clientId, string scope = "openid profile", string? extra = null) =>
        CodeFlow.Query(clientId, scope: scope) + (extra is null ? "" : "&" + extra);

    /// <summary>Redeems a code at the token endpoint as the confidential client.</summary>
    public static Task<HttpResponseMessage> RedeemAsync(AuthApp app, string clientId, string secret, string code) =>
        app.TokenAsync(AuthApp.Basic(clientId, secret), (Parameters.GrantType, GrantTypes.AuthorizationCode),
            (Parameters.Code, code), (Parameters.RedirectUri, CodeFlow.RedirectUri));
}
