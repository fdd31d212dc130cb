using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Authorize;
using Auth.Api.Broker;
using Auth.Core.OAuth;
using Auth.Tests.Admin;
using Auth.Tests.Authorize;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>
/// Sign-in and consent posts take 16 KB and the broker 64 KB (issue 12 item 11): a longer body is
/// 413 in the route's shape, whether it declares its length or comes chunked without one.
/// </summary>
public sealed class BodyLimitTests(AuthApp app) : IClassFixture<AuthApp>
{
    /// <summary>A code-flow client and a user whose password is "correct horse", and a browser for them.</summary>
    private async Task<(CodeFlow Flow, string Query, string Username)> NewFlowAsync()
    {
        var client = CodeFlow.Client();
        await app.AddClientAsync(client);
        var username = $"u{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(username, "correct horse");
        return (new CodeFlow(app), CodeFlow.Query(client.Id), username);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInPost_OverTheLimit_Is413PageAndSignsNobodyIn(bool chunked)
    {
        var (flow, query, username) = await NewFlowAsync();
        var token = await CodeFlow.FormTokenAsync(await flow.AuthorizeAsync(query));

        var form = Form(("__RequestVerificationToken", token), ("username", username), ("password", "correct horse"),
            ("padding", new string('p', AuthorizeEndpoints.MaxFormBytes)));
        var response = await flow.Http.PostAsync("/oauth/authorize/sign-in" + query, Content(form, "application/x-www-form-urlencoded", chunked));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name=\"username\"", await (await flow.AuthorizeAsync(query)).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConsentPost_OverTheLimit_Is413PageAndIssuesNoCode(bool chunked)
    {
        var (flow, query, username) = await NewFlowAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await flow.SignInAsync(query, username, "correct horse")).StatusCode);
        var token = CodeFlow.FormToken(await (await flow.AuthorizeAsync(query)).Content.ReadAsStringAsync());

        var form = Form(("__RequestVerificationToken", token), ("decision", AuthorizeEndpoints.Allow),
            ("padding", new string('p', AuthorizeEndpoints.MaxFormBytes)));
        var response = await flow.Http.PostAsync("/oauth/authorize/consent" + query, Content(form, "application/x-www-form-urlencoded", chunked));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    public async Task BrokerPost_ChunkedOverTheLimit_Is413InBrokerShape(string contentType)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.OperatorTokenAsync("broker"));
        var client = CodeFlow.Client();
        var secret = await app.AddClientAsync(client);
        var account = await app.AddUserAsync($"u{Guid.NewGuid():N}"[..12], "correct horse");
        (string, string)[] fields =
        [
            (Parameters.ClientId, client.Id), (Parameters.ClientSecret, secret!), (Parameters.RedirectUri, CodeFlow.RedirectUri),
            (Parameters.Scope, "profile"), ("account_id", account.ToString()), ("padding", new string('p', BrokerBody.MaxBodyBytes)),
        ];
        var body = contentType == "application/json"
            ? Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(fields.ToDictionary(f => f.Item1, f => f.Item2)))
            : Form(fields);

        var response = await http.PostAsync("/v1/oauth/authorize", Content(body, contentType, chunked: true));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var json = await AuthApp.JsonAsync(response);
        Assert.Equal(413, json.GetProperty("code").GetInt32());
        Assert.False(json.TryGetProperty(Parameters.Code, out _) && json.GetProperty(Parameters.Code).ValueKind == System.Text.Json.JsonValueKind.String);
    }

    private static byte[] Form(params (string Name, string Value)[] fields) =>
        Encoding.ASCII.GetBytes(string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}")));

    private static HttpContent Content(byte[] body, string contentType, bool chunked)
    {
        HttpContent content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>A body sent without Content-Length (chunked), in small writes.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 4096)
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(4096, body.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
