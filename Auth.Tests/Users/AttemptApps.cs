using Auth.DevTools.LocalCluster;
using Auth.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Auth.Tests.Users;

/// <summary>
/// The service on real sockets (Kestrel on 127.0.0.1), so requests have real source addresses, with a
/// hasher that counts password checks and room for many checks at once (the race needs them concurrent).
/// </summary>
public class AttemptsApp : AuthApp
{
    public CountingHasher Hasher { get; } = new();
    public string Url { get; } = $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";

    public AttemptsApp() => UseKestrel();

    protected virtual IEnumerable<KeyValuePair<string, string>> AttemptSettings => [];

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        // Note: a check waits for the checks in flight at most MaxWait; on a loaded CI box a burst of
        // hundreds takes longer than the 5 s default, and these tests are about counting, not that bound.
        [new("Auth:RateLimits:PasswordHashConcurrency", "256"), new("Auth:Lockout:MaxWaitMilliseconds", "60000"), .. AttemptSettings];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", Url);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<Auth.Core.Users.IPasswordHasher>(Hasher)));
    }

    /// <summary>A password grant request of <paramref name="client"/> for <paramref name="username"/>.</summary>
    public static async Task<HttpResponseMessage> PasswordGrantAsync(
        HttpClient http, (string Id, string Secret) client, string username, string password, CancellationToken abandon = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(
                [new(Auth.Core.OAuth.Parameters.GrantType, Auth.Core.OAuth.GrantTypes.Password),
                 new(Auth.Core.OAuth.Parameters.Username, username), new(Auth.Core.OAuth.Parameters.Password, password)]),
        };
        request.Headers.Authorization = Basic(client.Id, client.Secret);
        return await http.SendAsync(request, abandon);
    }

    /// <summary>A standard client and the user <paramref name="username"/>: what every attempt test starts from.</summary>
    public async Task<(string Id, string Secret)> ClientAndUserAsync(string username, string password)
    {
        var client = await AddStandardClientAsync();
        await AddUserAsync(username, password);
        return client;
    }

    /// <summary>Holds the account counter row of <paramref name="username"/> locked (<c>for update</c>) until rolled back or disposed.</summary>
    public async Task<AccountRowLock> LockAccountRowAsync(string username)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "select 1 from password_attempts where username = @username and source = '' for update", new { username }, transaction);
        return new AccountRowLock(connection, transaction);
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (127.0.0.2, 127.0.0.3, ...).</summary>
    public HttpClient From(string localAddress, System.Net.CookieContainer? cookies = null)
    {
        StartServer();
        return SourceAddress.Client(Url, localAddress, cookies);
    }
}

/// <summary>An open transaction holding a row lock; <see cref="RollbackAsync"/> lets the waiting statements through.</summary>
public sealed class AccountRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public Task RollbackAsync() => transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>A second instance on the first one's database, counting its checks into the same hasher.</summary>
public sealed class CountingPeer(AttemptsApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Auth", first.ConnectionString);
        builder.UseSetting("Auth:Issuer", AuthApp.Issuer);
        builder.UseSetting(TestKeyEncryption.FileSetting, TestKeyEncryption.File);
        builder.UseSetting("Auth:PasswordHashIterations", AuthApp.TestHashIterations.ToString());
        builder.UseSetting("Auth:RateLimits:PasswordHashConcurrency", "256");
        builder.UseSetting("Auth:Lockout:MaxWaitMilliseconds", "60000");
        foreach (var (key, value) in AuthApp.GenerousRateLimits)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.ClearProviders());
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<Auth.Core.Users.IPasswordHasher>(first.Hasher)));
    }
}

/// <summary>Low limits: 3 password checks and 3 sign-in posts per address per minute.</summary>
public sealed class RateLimitedApp : AttemptsApp
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string>> AttemptSettings =>
    [
        new("Auth:RateLimits:PasswordChecksPerAddress", Limit.ToString()),
        new("Auth:RateLimits:SignInPostsPerAddress", Limit.ToString()),
    ];
}

/// <summary>The account counter engages after 3 failures from any sources, and then allows the unfamiliar sources one check per minute.</summary>
public sealed class LowAccountLimitApp : AttemptsApp
{
    protected override IEnumerable<KeyValuePair<string, string>> AttemptSettings =>
    [
        new("Auth:Lockout:AccountMaxFailures", "3"),
        new("Auth:Lockout:AccountSlowdownSeconds", "60"),
    ];
}

/// <summary>Refused and failed checks are answered after 2 s, at most one at a time.</summary>
public sealed class RefusalDelayApp : AttemptsApp
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override IEnumerable<KeyValuePair<string, string>> AttemptSettings =>
    [
        new("Auth:RateLimits:PasswordRefusalDelayMilliseconds", Delay.TotalMilliseconds.ToString()),
        new("Auth:RateLimits:PasswordRefusalDelayConcurrency", "1"),
    ];
}

/// <summary>One password hash at a time and no queue: the hashing cap is full whenever a test holds its slot.</summary>
public sealed class SingleHashApp : AttemptsApp
{
    protected override IEnumerable<KeyValuePair<string, string>> AttemptSettings =>
    [
        new("Auth:RateLimits:PasswordHashConcurrency", "1"),
        new("Auth:RateLimits:PasswordHashQueue", "0"),
    ];
}

/// <summary>Two password hashes at a time, of which an unfamiliar source may hold one, and no queue.</summary>
public sealed class TwoHashApp : AttemptsApp
{
    protected override IEnumerable<KeyValuePair<string, string>> AttemptSettings =>
    [
        new("Auth:RateLimits:PasswordHashConcurrency", "2"),
        new("Auth:RateLimits:PasswordHashQueue", "0"),
    ];
}
