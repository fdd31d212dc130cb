using System.Text.Json;
using Auth.Api.Hosting.OpenApi;
using Auth.Core.OAuth;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting.OpenApi;

/// <summary>The OpenAPI document describes the OAuth routes as they are: bodies, parameters, answers, errors, security, examples.</summary>
public sealed class OpenApiDocumentTests(AuthApp app) : IClassFixture<AuthApp>
{
    private const string Form = "application/x-www-form-urlencoded";

    [Theory]
    [InlineData("/oauth/token", "grant_type", "code_verifier", "refresh_token", "client_secret")]
    [InlineData("/introspect", "token", "token_type_hint", "client_id", "client_assertion")]
    [InlineData("/revoke", "token", "token_type_hint", "client_secret", "client_assertion_type")]
    [InlineData("/oauth/par", "response_type", "redirect_uri", "code_challenge", "client_secret")]
    public async Task TheClientAuthenticatedRoutes_HaveTheirFormFields_BasicOrFormCredentials_AndOAuthErrors(string path, params string[] fields)
    {
        var document = await DocumentAsync();
        var operation = Operation(document, path, "post");

        var schema = Resolve(document, operation.GetProperty("requestBody").GetProperty("content").GetProperty(Form).GetProperty("schema"));
        Assert.All(fields, f => Assert.True(schema.GetProperty("properties").TryGetProperty(f, out _), $"{path} has no form field {f}"));
        var security = operation.GetProperty("security").EnumerateArray().ToList();
        Assert.Contains(security, r => r.TryGetProperty(OpenApiSetup.BasicScheme, out _));
        Assert.Contains(security, r => !r.EnumerateObject().Any());
        foreach (var status in new[] { "400", "401" })
        {
            var error = Resolve(document, operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            Assert.True(error.GetProperty("properties").TryGetProperty("error", out _), $"{path} {status} is not an OAuth error");
            Assert.True(error.GetProperty("properties").TryGetProperty("error_description", out _));
        }
    }

    [Fact]
    public async Task TheTokenEndpoint_DescribesItsAnswer_AndCarriesTheSeedExamples()
    {
        var document = await DocumentAsync();
        var token = Operation(document, "/oauth/token", "post");

        var answer = Resolve(document, token.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.All(new[] { "access_token", "token_type", "expires_in", "scope", "refresh_token", "id_token" },
            f => Assert.True(answer.GetProperty("properties").TryGetProperty(f, out _), f));
        Assert.DoesNotContain("refresh_token", answer.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var examples = token.GetProperty("requestBody").GetProperty("content").GetProperty(Form).GetProperty("examples");
        Assert.Equal(GrantTypes.Password, examples.GetProperty("password").GetProperty("value").GetProperty(Parameters.GrantType).GetString());
        Assert.Equal("access", token.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").GetProperty("password").GetProperty("value").GetProperty("scope").GetString());
        Assert.Contains(token.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "DPoP");
    }

    [Fact]
    public async Task TheAuthorizationEndpoint_ListsItsQueryParameters()
    {
        var operation = Operation(await DocumentAsync(), "/oauth/authorize", "get");

        var names = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method", "request_uri" }, names.ToHashSet());
    }

    [Fact]
    public async Task EachApi_AnswersErrorsInItsOwnShape_AndTheSchemesAreDeclared()
    {
        var document = await DocumentAsync();

        var broker = Resolve(document, Operation(document, "/v1/oauth/token", "post").GetProperty("responses").GetProperty("422")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(broker.GetProperty("properties").TryGetProperty("message", out _));
        var envelope = Resolve(document, Operation(document, "/api/v1/auth/client", "post").GetProperty("responses").GetProperty("409")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.All(new[] { "code", "msg", "data", "datetime", "ext" }, f => Assert.True(envelope.GetProperty("properties").TryGetProperty(f, out _), f));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("DPoP", schemes.GetProperty(OpenApiSetup.DpopScheme).GetProperty("scheme").GetString());
        Assert.Contains("client_secret_post", schemes.GetProperty(OpenApiSetup.BasicScheme).GetProperty("description").GetString());
        Assert.Contains("client_secret_post", document.GetProperty("info").GetProperty("description").GetString());
        Assert.True(Operation(document, "/v1/oauth/token", "post").GetProperty("security")[0].TryGetProperty(OpenApiSetup.BearerScheme, out _));
    }

    [Fact]
    public async Task EveryOperation_HasASummaryAnOperationIdAndATag()
    {
        var document = await DocumentAsync();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {path.Name} has no summary");
            Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {path.Name} has no operationId");
            Assert.True(operation.Value.TryGetProperty("tags", out _), $"{operation.Name} {path.Name} has no tag");
        }
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/introspect")]
    [InlineData("/revoke")]
    [InlineData("/oauth/par")]
    public async Task DescribingTheFormBody_LeavesOtherContentTypesToTheRoute_WhichAnswersAnOAuthError(string path)
    {
        var response = await app.CreateClient().PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotEqual(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.True((await AuthApp.JsonAsync(response)).TryGetProperty("error", out _));
    }

    private Task<JsonElement> DocumentAsync() => OpenApiDocument.GetAsync(app);

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
