using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Api.Admin.Clients;
using Auth.Core.OAuth;
using Auth.Data.Clients;
using Auth.Data.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// The service in-process on its own database (cloned from the migrated template), with a
/// clock the test can move and the log lines it writes. One per test class, via <see cref="IClassFixture{T}"/>.
/// </summary>
public class AuthApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "http://localhost";
    public const int TestHashIterations = 1_000;

    public string ConnectionString { get; private set; } = "";
    public TestClock Clock { get; } = new();
    public CapturedLogs Logs { get; } = new();

    /// <summary>Settings a subclass may add, e.g. a short lockout.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    public static readonly KeyValuePair<string, string>[] GenerousRateLimits =
    [
        new("Auth:RateLimits:PasswordChecksPerAddress", "1000000"),
        new("Auth:RateLimits:SignInPostsPerAddress", "1000000"),
        new("Auth:RateLimits:PasswordHashQueue", "10000"),
        // Note: a refused guess is answered after a delay (1 s by default); RefusalDelayTests set their own.
        new("Auth:RateLimits:PasswordRefusalDelayMilliseconds", "0"),
    ];

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        ConnectionString = await server.CreateDatabaseAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0)
            await (await PostgresServer.InstanceAsync()).DropDatabaseAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Auth", ConnectionString);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting(TestKeyEncryption.FileSetting, TestKeyEncryption.File);
        // Note: no management listener (ListeningApp has one): fixtures on real sockets never bind the default 9464,
        // and the factory's own client has only the public address to pick.
        builder.UseSetting(Auth.Api.Hosting.ManagementListener.UrlsSetting, "");
        // Note: a cheap hash keeps the suite fast; the production count is measured in bench/.
        builder.UseSetting("Auth:PasswordHashIterations", TestHashIterations.ToString());
        // Note: the suite signs in far more often from one address than any person; tests of the limits set their own.
        foreach (var (key, value) in GenerousRateLimits)
            builder.UseSetting(key, value);
        foreach (var (key, value) in ExtraSettings)
            builder.UseSetting(key, value);
        // Note: logs go to the test, not to the console: the test runner stops draining a chatty
        // test host's stderr, and a blocked console logger would hang the run.
        builder.ConfigureLogging(l => l.ClearProviders().AddProvider(Logs));
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Registers a confidential client (or public, with auth method none) and returns its secret.</summary>
    public async Task<string?> AddClientAsync(NewClient client)
    {
        var (row, secret) = client.ToRow();
        await Service<ClientStore>().UpsertAsync(row);
        return secret;
    }

    /// <summary>A confidential client with every grant and the exchange document's scopes.</summary>
    public async Task<(string Id, string Secret)> AddStandardClientAsync(string? id = null, string[]? scopes = null)
    {
        id ??= $"client-{Guid.NewGuid():N}"[..20];
        var secret = await AddClientAsync(new NewClient
        {
            Id = id,
            GrantTypes = GrantTypes.All,
            Scopes = scopes ?? ["profile", "history", "trade"],
            RedirectUris = ["https://app.example/callback"],
        });
        return (id, secret!);
    }

    public async Task<Guid> AddUserAsync(string username, string password)
    {
        var hash = Service<Auth.Core.Users.IPasswordHasher>().Hash(password);
        return await Service<UserStore>().UpsertAsync(username, hash);
    }

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        return await CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> TokenAsync(AuthenticationHeaderValue? auth, params (string Key, string Value)[] form) =>
        PostFormAsync("/oauth/token", form.Select(p => KeyValuePair.Create(p.Key, p.Value)), auth);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
