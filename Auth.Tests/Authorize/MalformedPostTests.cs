using System.Net;
using System.Text;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Authorize;

public sealed class MalformedPostTests(AuthApp app) : IClassFixture<AuthApp>
{
    [Theory]
    [InlineData("/oauth/authorize/sign-in", "application/json", "{\"username\":\"a\"}")]
    [InlineData("/oauth/authorize/consent", "text/plain", "decision=allow")]
    [InlineData("/oauth/authorize/sign-in", "application/x-www-form-urlencoded", "%%%=%%%&&&")]
    public async Task PagePost_NotAFormWithToken_AnswersErrorPageNot500(string path, string contentType, string body)
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var flow = new CodeFlow(app);
        var query = CodeFlow.Query(client.Id);
        await flow.AuthorizeAsync(query);

        var response = await flow.Http.PostAsync(path + query, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Flow_Logs_NeverHoldTheCodeOrPassword()
    {
        var client = CodeFlow.Client();
        var secret = await app.AddClientAsync(client);
        await app.AddUserAsync("frank", "a-very-secret-password");
        var code = await new CodeFlow(app).CodeAsync(CodeFlow.Query(client.Id), "frank", "a-very-secret-password");
        await app.TokenAsync(AuthApp.Basic(client.Id, secret!), ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", CodeFlow.RedirectUri));

        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(code) || l.Contains("a-very-secret-password"));
    }
}
