using System.Net;
using System.Net.Http.Json;
using Auth.Core.Users;
using Auth.Data.Users;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;
using Auth.Tests.Registration;
using Microsoft.Playwright;

namespace Auth.Tests.OperatorConsole;

/// <summary>Operators, plain users, registered apps, and signing in to the console in a browser or as HTTP.</summary>
public static class ConsoleUsers
{
    public const string Password = "operator horse battery";

    /// <summary>A new user holding the operator role.</summary>
    public static async Task<(Guid Id, string Username)> AddOperatorAsync(this AuthApp app)
    {
        var (id, username) = await app.AddPlainUserAsync("op");
        Assert.True(await app.Service<UserRoleStore>().GrantAsync(username, Roles.Operator));
        return (id, username);
    }

    /// <summary>A new user without any role.</summary>
    public static async Task<(Guid Id, string Username)> AddPlainUserAsync(this AuthApp app, string prefix = "user")
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..16];
        return (await app.AddUserAsync(username, Password), username);
    }

    /// <summary>Registers an app through the open registration endpoint (pending); its id and secret.</summary>
    public static async Task<(string ClientId, string Secret, string AppName)> RegisterAppAsync(this AuthApp app, string appName)
    {
        var body = RegistrationBodies.DocumentExample();
        body["appName"] = appName;
        body["companyName"] = "Northwind Securities";
        body["redirectUris"] = new[] { CodeFlow.RedirectUri };
        var response = await app.CreateClient().PostAsJsonAsync(RegistrationBodies.Path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        return (json.GetProperty("clientId").GetString()!, json.GetProperty("clientSecret").GetString()!, appName);
    }

    /// <summary>Password-grant tokens for the user (every test user has <see cref="Password"/>); the answer's JSON.</summary>
    public static async Task<System.Text.Json.JsonElement> PasswordTokensAsync(this AuthApp app, string clientId, string secret, string username)
    {
        var response = await app.TokenAsync(AuthApp.Basic(clientId, secret),
            (Auth.Core.OAuth.Parameters.GrantType, Auth.Core.OAuth.GrantTypes.Password),
            (Auth.Core.OAuth.Parameters.Username, username), (Auth.Core.OAuth.Parameters.Password, Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthApp.JsonAsync(response);
    }

    /// <summary>Redeems a code at the token endpoint with Basic client authentication.</summary>
    public static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string clientId, string secret, string code, string? verifier) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Headers = { Authorization = AuthApp.Basic(clientId, secret) },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Auth.Core.OAuth.Parameters.GrantType] = Auth.Core.OAuth.GrantTypes.AuthorizationCode,
                [Auth.Core.OAuth.Parameters.Code] = code,
                [Auth.Core.OAuth.Parameters.RedirectUri] = CodeFlow.RedirectUri,
                [Auth.Core.OAuth.Parameters.CodeVerifier] = verifier ?? "",
            }.Where(p => p.Value.Length > 0)),
        });

    public static async Task SignInAsync(IPage page, string baseUrl, string path, string username, string password = Password)
    {
        await page.GotoAsync(baseUrl + path);
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in to the console as HTTP (cookies kept in the flow's jar); the sign-in answer.</summary>
    public static async Task<HttpResponseMessage> ConsoleSignInAsync(this CodeFlow flow, string username, string password = Password)
    {
        var token = await CodeFlow.FormTokenAsync(await flow.Http.GetAsync("/console"));
        return await flow.PostAsync("/console/sign-in", [new("__RequestVerificationToken", token), new("username", username), new("password", password)]);
    }

    /// <summary>A page's anti-forgery token, for posting one of its forms.</summary>
    public static async Task<string> TokenOfAsync(this CodeFlow flow, string path)
    {
        var page = await flow.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await CodeFlow.FormTokenAsync(page);
    }
}
