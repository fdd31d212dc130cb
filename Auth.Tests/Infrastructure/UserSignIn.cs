using System.Net;
using System.Net.Http.Headers;
using Auth.Core.OAuth;

namespace Auth.Tests.Infrastructure;

/// <summary>A client and a signed-in user with their first tokens, through the password grant.</summary>
public sealed record UserSignIn(string ClientId, string ClientSecret, string AccessToken, string RefreshToken)
{
    public AuthenticationHeaderValue ClientAuth => AuthApp.Basic(ClientId, ClientSecret);
}

public static class UserSignInExtensions
{
    /// <summary>Registers a standard client (unless given) and a new user, then signs the user in.</summary>
    public static async Task<UserSignIn> SignInAsync(this AuthApp app, (string Id, string Secret)? client = null, string? scope = null)
    {
        var (id, secret) = client ?? await app.AddStandardClientAsync();
        var username = $"user-{Guid.NewGuid():N}"[..16];
        await app.AddUserAsync(username, "correct horse battery staple");
        var form = new List<(string, string)>
        {
            (Parameters.GrantType, GrantTypes.Password), (Parameters.Username, username), (Parameters.Password, "correct horse battery staple"),
        };
        if (scope is not null)
            form.Add((Parameters.Scope, scope));
        var response = await app.TokenAsync(AuthApp.Basic(id, secret), [.. form]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthApp.JsonAsync(response);
        return new UserSignIn(id, secret, body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    public static Task<HttpResponseMessage> RefreshAsync(this AuthApp app, AuthenticationHeaderValue auth, string refreshToken, string? scope = null) =>
        scope is null
            ? app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.RefreshToken), (Parameters.RefreshToken, refreshToken))
            : app.TokenAsync(auth, (Parameters.GrantType, GrantTypes.RefreshToken), (Parameters.RefreshToken, refreshToken), (Parameters.Scope, scope));

    public static Task<HttpResponseMessage> IntrospectAsync(this AuthApp app, AuthenticationHeaderValue? auth, string token, string? hint = null) =>
        app.PostFormAsync("/introspect", hint is null
            ? [KeyValuePair.Create(Parameters.Token, token)]
            : [KeyValuePair.Create(Parameters.Token, token), KeyValuePair.Create(Parameters.TokenTypeHint, hint)], auth);

    public static Task<HttpResponseMessage> RevokeAsync(this AuthApp app, AuthenticationHeaderValue? auth, string token, string? hint = null) =>
        app.PostFormAsync("/revoke", hint is null
            ? [KeyValuePair.Create(Parameters.Token, token)]
            : [KeyValuePair.Create(Parameters.Token, token), KeyValuePair.Create(Parameters.TokenTypeHint, hint)], auth);

    /// <summary>The <c>active</c> member of an introspection answer (asserting a 200 first).</summary>
    public static async Task<bool> IsActiveAsync(this AuthApp app, AuthenticationHeaderValue? auth, string token, string? hint = null)
    {
        var response = await app.IntrospectAsync(auth, token, hint);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthApp.JsonAsync(response)).GetProperty("active").GetBoolean();
    }

    public static async Task<HttpResponseMessage> PingAsync(this AuthApp app, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await app.CreateClient().SendAsync(request);
    }
}
