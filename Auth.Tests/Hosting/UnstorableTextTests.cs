using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Api.Admin.Envelope;
using Auth.Core.OAuth;
using Auth.Tests.Admin;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Hosting;

/// <summary>
/// Text PostgreSQL cannot store (NUL, a lone surrogate, an overlong or otherwise invalid UTF-8
/// percent-encoding) gets each API's 400 in its own shape, never a 5xx and never a 200 (issue 12
/// item 1): a seeded barrage through every JSON field and key and every query parameter.
/// </summary>
public sealed class UnstorableTextTests(UnstorableTextTests.App app) : IClassFixture<UnstorableTextTests.App>
{
    public sealed class App : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [KeyValuePair.Create("Auth:Registration:RateLimit:PermitLimit", "100000")];
    }

    private enum Shape { Envelope, Broker, OAuth, Page }

    /// <summary>As a JSON string's content: escapes that decode to text PostgreSQL cannot store.</summary>
    private static readonly string[] JsonEscapes = [@"\u0000", @"a\u0000b", @"\uD800", @"x\uDC00y", @"\uDBFF"];

    /// <summary>As a query or form value: percent-encodings of NUL, a surrogate, overlong and truncated UTF-8.</summary>
    private static readonly string[] Encoded = ["%00", "a%00b", "%ED%A0%80", "%C0%80", "%E0%80%AF", "%C1%BF", "%F8%88%80%80%80", "%E2%82"];

    /// <summary>
    /// The same in a path, less NUL: ASP.NET Core's request-line decoder refuses %00 in a path before any
    /// middleware runs (Kestrel answers 400 itself; the test server throws).
    /// </summary>
    private static readonly string[] InPath = Encoded.Where(e => !e.Contains("%00")).ToArray();

    private static readonly string[] AdminFields =
    [
        "id", "clientId", "clientSecret", "clientSecretExpiresAt", "clientName", "description", "platform", "source",
        "bizTag", "tenantId", "tenantName", "clientAuthenticationMethods[]", "authorizationGrantTypes[]", "redirectUris[]",
        "postLogoutRedirectUris[]", "scopes[]", "audiences[]", "clientSettings{}", "tokenSettings{}", "enabled", "version",
    ];

    private static readonly string[] RegistrationFields =
    [
        "companyName", "companyInfo", "homepageUrl", "appCodeName", "appName", "appDescription", "appLogo", "authMethod",
        "redirectUris[]", "grantTypes[]", "responseTypes[]", "contactInfo.name", "contactInfo.phone", "contactInfo.email",
    ];

    private static readonly string[] BrokerFields = ["client_id", "client_secret", "redirect_uri", "scope", "account_id", "response_type", "state", "grant_type", "code"];

    [Fact]
    public async Task Barrage_OfUnstorableText_AnswersEachApis400InItsShape()
    {
        var random = new Random(12);
        var admin = await app.AdminHttpAsync();
        var broker = app.CreateClient();
        broker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.OperatorTokenAsync("broker"));
        var anonymous = app.CreateClient();
        var (clientId, secret) = await app.AddStandardClientAsync();
        var cases = new List<(HttpClient Http, Func<HttpRequestMessage> Request, Shape Shape, string What)>();
        string Pick(string[] values) => values[random.Next(values.Length)];

        foreach (var field in AdminFields)
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch })
            {
                var (escape, asKey) = (Pick(JsonEscapes), random.Next(4) == 0);
                cases.Add((admin, () => Json(method, ClientAdminApi.Path, AdminBody(field, escape, asKey)), Shape.Envelope, $"{method} {field}={escape} key={asKey}"));
            }
        foreach (var parameter in new[] { "clientName", "tenantId", "enabled", "pageNo", "pageSize" })
            foreach (var value in Encoded.Concat(Encoded.Select(e => "ok" + e)))
                cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Get, $"{ClientAdminApi.Path}?{parameter}={value}"), Shape.Envelope, $"list {parameter}={value}"));
        foreach (var value in Encoded)
        {
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Delete, $"{ClientAdminApi.Path}?ids={value}"), Shape.Envelope, $"delete ids={value}"));
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Delete, $"{ClientAdminApi.Path}?ids=a,{value}"), Shape.Envelope, $"delete ids=a,{value}"));
        }
        foreach (var value in InPath)
        {
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Get, $"{ClientAdminApi.Path}/c{value}"), Shape.Envelope, $"detail c{value}"));
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Get, $"{ClientAdminApi.Path}/c{value}/audit"), Shape.Envelope, $"audit c{value}"));
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/c{value}/approve"), Shape.Envelope, $"approve c{value}"));
            cases.Add((admin, () => new HttpRequestMessage(HttpMethod.Post, $"{ClientAdminApi.Path}/c{value}/secret"), Shape.Envelope, $"rotate c{value}"));
        }

        foreach (var field in RegistrationFields)
            for (var i = 0; i < 2; i++)
            {
                var (escape, asKey) = (Pick(JsonEscapes), i == 1);
                cases.Add((anonymous, () => Json(HttpMethod.Post, "/api/v1/apps/register", RegistrationBody(field, escape, asKey)), Shape.Envelope, $"register {field}={escape} key={asKey}"));
            }

        foreach (var path in new[] { "/v1/oauth/authorize", "/v1/oauth/token" })
            foreach (var field in BrokerFields)
            {
                var escape = Pick(JsonEscapes);
                var value = Pick(Encoded);
                cases.Add((broker, () => Json(HttpMethod.Post, path, BrokerJson(field, escape)), Shape.Broker, $"{path} json {field}={escape}"));
                cases.Add((broker, () => Json(HttpMethod.Post, path, BrokerJson($"{field}{escape}", "x")), Shape.Broker, $"{path} json key {field}{escape}"));
                cases.Add((broker, () => Form(path, $"{BrokerForm()}&{field}={value}"), Shape.Broker, $"{path} form {field}={value}"));
            }
        foreach (var value in Encoded)
        {
            cases.Add((broker, () => new HttpRequestMessage(HttpMethod.Get, $"/v1/oauth/clients/{clientId}?response_type=code&redirect_uri={value}"), Shape.Broker, $"broker client query {value}"));
            if (InPath.Contains(value))
            {
                cases.Add((broker, () => new HttpRequestMessage(HttpMethod.Get, $"/v1/oauth/clients/c{value}?response_type=code"), Shape.Broker, $"broker client path {value}"));
                cases.Add((broker, () => new HttpRequestMessage(HttpMethod.Delete, $"/v1/oauth/token/t{value}"), Shape.Broker, $"broker delete {value}"));
            }
            foreach (var parameter in new[] { "grant_type", "scope", "username", "password", "refresh_token" })
                cases.Add((anonymous, () => Form("/oauth/token", $"grant_type=client_credentials&{parameter}{(parameter == "grant_type" ? "2" : "")}=v{value}", AuthApp.Basic(clientId, secret)), Shape.OAuth, $"token {parameter}={value}"));
            cases.Add((anonymous, () => Form("/introspect", $"token=t{value}", AuthApp.Basic(clientId, secret)), Shape.OAuth, $"introspect {value}"));
            cases.Add((anonymous, () => Form("/revoke", $"token=t{value}", AuthApp.Basic(clientId, secret)), Shape.OAuth, $"revoke {value}"));
            cases.Add((anonymous, () => new HttpRequestMessage(HttpMethod.Get, $"/oauth/authorize?response_type=code&client_id={clientId}&state={value}"), Shape.Page, $"authorize state={value}"));
            cases.Add((anonymous, () => new HttpRequestMessage(HttpMethod.Get, $"/oauth/authorize?response_type=code&client_id=c{value}"), Shape.Page, $"authorize client_id={value}"));
        }

        var failures = new List<string>();
        foreach (var (http, request, shape, what) in cases)
        {
            using var response = await http.SendAsync(request());
            var problem = await ProblemAsync(response, shape);
            if (problem is not null)
                failures.Add($"{what}: {problem}");
        }

        Assert.True(cases.Count is > 200 and < 600, $"{cases.Count} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count}:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Null when the answer is a 400 in the route's shape, else what is wrong with it.</summary>
    private static async Task<string?> ProblemAsync(HttpResponseMessage response, Shape shape)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}";
        if (shape == Shape.Page)
            return response.Content.Headers.ContentType?.MediaType == "text/html" ? null : $"not a page: {body}";
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            var right = shape switch
            {
                Shape.Envelope => json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    && code.GetString() is ApiCodes.InvalidRequest or ApiCodes.ValidationFailed && json.TryGetProperty("datetime", out _),
                Shape.Broker => json.TryGetProperty("code", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == 400
                    && json.TryGetProperty("message", out _),
                _ => json.TryGetProperty("error", out var error) && error.GetString() == OAuthErrors.InvalidRequest,
            };
            return right ? null : $"wrong shape: {body}";
        }
        catch (JsonException)
        {
            return $"not JSON: {body}";
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Form(string path, string form, AuthenticationHeaderValue? auth = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Authorization = auth;
        return request;
    }

    /// <summary>A valid client body whose <paramref name="field"/> (in an array, or as a settings key or value) carries the escape.</summary>
    private static string AdminBody(string field, string escape, bool asKey)
    {
        var fields = new Dictionary<string, string>
        {
            ["clientId"] = Str(ClientAdminApi.NewId()), ["clientName"] = Str("Barrage"),
            ["authorizationGrantTypes"] = $"[{Str(GrantTypes.ClientCredentials)}]", ["scopes"] = $"[{Str("trade")}]",
        };
        var name = field.TrimEnd('[', ']', '{', '}');
        if (asKey)
        {
            fields[name + escape] = Str("x");
            return Object(fields);
        }
        fields[name] = field.EndsWith("[]") ? $"[{Str("ok")},\"{escape}\"]"
            : field.EndsWith("{}") ? $"{{\"{escape}\": 30, \"k\": \"{escape}\"}}"
            : $"\"{escape}\"";
        return Object(fields);
    }

    private static string RegistrationBody(string field, string escape, bool asKey)
    {
        var fields = new Dictionary<string, string>
        {
            ["companyName"] = Str("Barrage Ltd"), ["appCodeName"] = Str($"barrage{Guid.NewGuid():N}"[..20]), ["appName"] = Str("Barrage"),
            ["redirectUris"] = $"[{Str("https://app.example/cb")}]", ["contactInfo"] = $"{{\"name\": {Str("A")}, \"email\": {Str("a@example.com")}}}",
        };
        var name = field.TrimEnd('[', ']');
        if (name.StartsWith("contactInfo."))
        {
            var inner = name["contactInfo.".Length..];
            fields["contactInfo"] = asKey ? $"{{\"{inner}{escape}\": \"x\"}}" : $"{{\"{inner}\": \"{escape}\"}}";
        }
        else if (asKey)
            fields[name + escape] = Str("x");
        else
            fields[name] = field.EndsWith("[]") ? $"[\"{escape}\"]" : $"\"{escape}\"";
        return Object(fields);
    }

    private static string BrokerJson(string field, string escape)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = Str("c"), ["response_type"] = Str("code"), ["account_id"] = Str(Guid.NewGuid().ToString()),
        };
        fields[field] = escape == "x" ? Str("x") : $"\"{escape}\"";
        return Object(fields);
    }

    private static string BrokerForm() => $"client_id=c&response_type=code&account_id={Guid.NewGuid()}";

    private static string Str(string value) => JsonSerializer.Serialize(value);

    private static string Object(Dictionary<string, string> fields) =>
        "{" + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
}
