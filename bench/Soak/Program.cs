// A mixed load on two instances for a bounded time, recording every answer by kind and second,
// then checking the invariants: no refresh token or code redeemed twice, no revoked token active,
// no refresh token lost that a client was given. Loopback only.
// Usage: Soak <seconds> <url1> <url2> <connection string> <demo secret> <demo password> <admin secret> [failover marks]
// With the marks (a file of "kill <unix ms>" and "promote <unix ms>" lines, written while it runs),
// it also prints the failover's table: the gap, and whether every failure fell inside it as a 503.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Core.Security;
using Npgsql;

var seconds = int.Parse(args[0]);
string[] urls = [args[1], args[2]];
var connectionString = args[3];
var demo = Basic("demo-client", args[4]);
var demoPassword = args[5];
var admin = Basic("demo-admin", args[6]);
string userId;
await using (var lookup = NpgsqlDataSource.Create(connectionString))
await using (var command = lookup.CreateCommand("select id::text from users where username = 'demo'"))
    userId = (string)(await command.ExecuteScalarAsync())!;

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) })
{
    Timeout = TimeSpan.FromSeconds(10),
};
var started = Stopwatch.StartNew();
var startedAt = DateTimeOffset.UtcNow;
var failures = new ConcurrentBag<(double At, string Kind)>();
var outcomes = new ConcurrentDictionary<(int Second, string Operation, string Kind), int>();
var issuedRefreshTokens = new ConcurrentBag<string>();
var revokedAccessTokens = new ConcurrentBag<string>();
var violations = new ConcurrentBag<string>();
var stop = DateTime.UtcNow.AddSeconds(seconds);

await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() => WorkAsync(worker))));

Console.WriteLine($"## Soak: {seconds} s, 8 workers, two instances");
Console.WriteLine();
// Note: in a race (refresh, code) one side is expected to lose with invalid_grant; that loss counts as expected.
Console.WriteLine("| operation | answers | 2xx or expected invalid_grant | other |");
Console.WriteLine("| --- | --- | --- | --- |");
foreach (var op in outcomes.GroupBy(o => o.Key.Operation).OrderBy(g => g.Key))
{
    var total = op.Sum(o => o.Value);
    var ok = op.Where(o => o.Key.Kind == "ok").Sum(o => o.Value);
    var other = string.Join(", ", op.Where(o => o.Key.Kind != "ok").GroupBy(o => o.Key.Kind).Select(g => $"{g.Key}: {g.Sum(o => o.Value)}"));
    Console.WriteLine($"| {op.Key} | {total} | {ok} | {other} |");
}
Console.WriteLine();
Console.WriteLine("Failures by second (second: kind x count):");
foreach (var second in outcomes.Where(o => o.Key.Kind != "ok").GroupBy(o => o.Key.Second).OrderBy(g => g.Key))
    Console.WriteLine($"  t+{second.Key}s: {string.Join(", ", second.GroupBy(o => $"{o.Key.Operation} {o.Key.Kind}").Select(g => $"{g.Key} x{g.Sum(o => o.Value)}"))}");

await CheckStoredStateAsync();
if (args.Length > 7)
    ReportFailover(args[7]);
Console.WriteLine();
Console.WriteLine(violations.IsEmpty ? "Invariants: all held." : $"Invariants VIOLATED ({violations.Count}):\n  " + string.Join("\n  ", violations.Take(20)));
return violations.IsEmpty ? 0 : 1;

async Task WorkAsync(int worker)
{
    var random = new Random(worker);
    string? refreshToken = null;
    var brokerToken = await TokenAsync(urls[worker % 2], admin, "grant_type=client_credentials&scope=broker", "broker-token");
    while (DateTime.UtcNow < stop)
    {
        var here = urls[random.Next(2)];
        var there = urls[1 - Array.IndexOf(urls, here)];
        switch (random.Next(6))
        {
            case 0:
                await TokenAsync(here, demo, "grant_type=client_credentials&scope=trade", "client_credentials");
                break;
            case 1:
                var issued = await TokenAsync(here, demo, $"grant_type=password&username=demo&password={Uri.EscapeDataString(demoPassword)}", "password", keepRefresh: true);
                refreshToken = issued?.GetProperty("refresh_token").GetString() ?? refreshToken;
                break;
            case 2 when refreshToken is not null:
                // Two instances race for one refresh token: at most one may win.
                var old = refreshToken;
                var race = await Task.WhenAll(
                    TokenAsync(here, demo, $"grant_type=refresh_token&refresh_token={old}", "refresh", keepRefresh: true, expectFailure: true),
                    TokenAsync(there, demo, $"grant_type=refresh_token&refresh_token={old}", "refresh-race", keepRefresh: true, expectFailure: true));
                if (race.Count(r => r is not null) > 1)
                    violations.Add($"refresh token redeemed twice at t+{Second()}s");
                // Note: the loser's attempt counts as a reuse and revokes the family, so start a new one next time.
                refreshToken = null;
                break;
            case 3:
                var token = await TokenAsync(here, demo, "grant_type=client_credentials", "client_credentials");
                if (token?.GetProperty("access_token").GetString() is { } access)
                {
                    await PostAsync(here, demo, $"token={access}", "revoke");
                    revokedAccessTokens.Add(access);
                    var seen = await PostAsync(there, demo, $"token={access}", "introspect-revoked");
                    if (seen?.GetProperty("active").GetBoolean() == true)
                        violations.Add($"revoked token active on the other instance at t+{Second()}s");
                }
                break;
            case 4 when brokerToken is not null:
                var code = await BrokerCodeAsync(here, brokerToken.Value.GetProperty("access_token").GetString()!);
                if (code is not null)
                {
                    var body = $"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString("http://localhost:8080/callback")}";
                    var redemptions = await Task.WhenAll(
                        TokenAsync(here, demo, body, "code", keepRefresh: true, expectFailure: true),
                        TokenAsync(there, demo, body, "code-replay", keepRefresh: true, expectFailure: true));
                    if (redemptions.Count(r => r is not null) > 1)
                        violations.Add($"code redeemed twice at t+{Second()}s");
                }
                break;
            default:
                var live = await TokenAsync(here, demo, "grant_type=client_credentials", "client_credentials");
                if (live?.GetProperty("access_token").GetString() is { } a
                    && await PostAsync(there, demo, $"token={a}", "introspect") is { } answer
                    && !answer.GetProperty("active").GetBoolean())
                    violations.Add($"a live token was inactive on the other instance at t+{Second()}s");
                break;
        }
    }
}

async Task<JsonElement?> TokenAsync(string url, AuthenticationHeaderValue auth, string body, string operation, bool keepRefresh = false, bool expectFailure = false)
{
    var result = await PostRawAsync($"{url}/oauth/token", auth, body, operation, expectFailure);
    if (result is { } json && keepRefresh && json.TryGetProperty("refresh_token", out var rt))
        issuedRefreshTokens.Add(rt.GetString()!);
    return result;
}

Task<JsonElement?> PostAsync(string url, AuthenticationHeaderValue auth, string body, string operation) =>
    PostRawAsync($"{url}/{(operation.StartsWith("revoke") ? "revoke" : "introspect")}", auth, body, operation, false);

async Task<string?> BrokerCodeAsync(string url, string brokerToken)
{
    var body = $"client_id=demo-client&client_secret={Uri.EscapeDataString(args[4])}&redirect_uri={Uri.EscapeDataString("http://localhost:8080/callback")}&scope=profile&account_id={userId}";
    var result = await PostRawAsync($"{url}/v1/oauth/authorize", new AuthenticationHeaderValue("Bearer", brokerToken), body, "broker-code", false);
    return result?.TryGetProperty("code", out var c) == true ? c.GetString() : null;
}

async Task<JsonElement?> PostRawAsync(string url, AuthenticationHeaderValue auth, string body, string operation, bool expectFailure)
{
    string kind;
    JsonElement? json = null;
    try
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default(JsonElement);
            kind = "ok";
        }
        else
        {
            var error = text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
            kind = expectFailure && error == "invalid_grant" ? "ok" : $"{(int)response.StatusCode} {error}".Trim();
        }
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
    {
        kind = e is TaskCanceledException ? "timeout" : "connection";
    }
    outcomes.AddOrUpdate((Second(), operation, kind), 1, (_, n) => n + 1);
    if (kind != "ok")
        failures.Add((started.Elapsed.TotalSeconds, kind));
    return json;
}

async Task CheckStoredStateAsync()
{
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    var hashes = issuedRefreshTokens.Select(SecretHasher.Hash).ToArray();
    await using (var lost = dataSource.CreateCommand("select count(*) from unnest(@h) as h where not exists (select 1 from refresh_tokens r where r.token_hash = h)"))
    {
        lost.Parameters.AddWithValue("h", hashes);
        var missing = (long)(await lost.ExecuteScalarAsync())!;
        if (missing > 0)
            violations.Add($"{missing} of {hashes.Length} refresh tokens handed out are not stored");
    }
    await using (var twice = dataSource.CreateCommand("select count(*) from (select parent_hash from refresh_tokens where parent_hash is not null group by parent_hash having count(*) > 1) t"))
    {
        var doubled = (long)(await twice.ExecuteScalarAsync())!;
        if (doubled > 0)
            violations.Add($"{doubled} refresh tokens have more than one child (redeemed twice)");
    }
    Console.WriteLine();
    Console.WriteLine($"Checked {hashes.Length} refresh tokens handed out and {revokedAccessTokens.Count} revoked access tokens.");
}

void ReportFailover(string marksFile)
{
    var marks = File.ReadAllLines(marksFile).Select(line => line.Split(' ')).Where(parts => parts.Length == 2)
        .ToDictionary(parts => parts[0], parts => (DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1])) - startedAt).TotalSeconds);
    if (!marks.TryGetValue("kill", out var kill) || !marks.TryGetValue("promote", out var promote))
    {
        violations.Add($"the failover marks in {marksFile} are incomplete");
        return;
    }
    // Note: a failure the failover may cause is a 5xx, a timeout or a lost connection; 4xx answers are the load's own.
    static bool Outage((double At, string Kind) f) => f.Kind is "timeout" or "connection" || f.Kind.StartsWith('5');
    // Note: after the promotion each instance finds the new primary within Host Recheck Seconds plus one
    // failed attempt per pooled connection; a bound, so that a late failure counts as outside the gap.
    const double recoveryBound = 15;
    var outages = failures.Where(Outage).ToArray();
    var inGap = outages.Where(f => f.At >= kill && f.At <= promote + recoveryBound).ToArray();
    var outside = outages.Length - inGap.Length;
    var not503 = inGap.Where(f => !f.Kind.StartsWith("503")).ToArray();
    var end = inGap.Length > 0 ? inGap.Max(f => f.At) : kill;
    string Kinds(IEnumerable<(double At, string Kind)> list) =>
        string.Join(", ", list.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}")) is { Length: > 0 } text ? text : "none";

    Console.WriteLine();
    Console.WriteLine("## Failover: primary stopped (-m immediate), standby promoted, synchronous replication");
    Console.WriteLine();
    Console.WriteLine("| check | result |");
    Console.WriteLine("| --- | --- |");
    Console.WriteLine($"| primary killed at / standby promoted at | t+{kill:0.0}s / t+{promote:0.0}s ({promote - kill:0.0} s without a primary) |");
    Console.WriteLine($"| gap (kill to the last failed answer) | {end - kill:0.0} s |");
    Console.WriteLine($"| failed answers in the gap | {Kinds(inGap)} |");
    Console.WriteLine($"| 503s only in the gap | {(outside == 0 && not503.Length == 0 ? "yes" : $"NO: {outside} outside, {not503.Length} not 503 ({Kinds(not503)})")} |");
    Console.WriteLine($"| 4xx answers of the load (not failover) | {Kinds(failures.Where(f => !Outage(f)))} |");
    Console.WriteLine($"| refresh token or code redeemed twice, answered token lost | {(violations.IsEmpty ? "none" : $"{violations.Count} violation(s), below")} |");
    if (outside > 0)
        violations.Add($"{outside} failed answers outside the failover gap");
    if (not503.Length > 0)
        violations.Add($"{not503.Length} failed answers in the gap were not 503 ({Kinds(not503)})");
}

int Second() => (int)started.Elapsed.TotalSeconds;

static AuthenticationHeaderValue Basic(string id, string secret) =>
    new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
