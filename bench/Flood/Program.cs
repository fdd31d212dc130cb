// Two load shapes for bench/flood.sh, each bounded in time (and the flood in requests), loopback only.
//   Flood flood <url> <client secret> <username> <seconds> <first host> <last host> <concurrency> <max requests>
//     wrong passwords for <username> on the password grant from 127.0.0.<first host>..<last host>
//     (wrk cannot choose its source address; here every connection is bound to one).
//   Flood owner <url> <client secret> <username> <password> <seconds> <interval ms>
//     the owner signing in from 127.0.0.1, one request at a time every <interval ms>.
// Each prints one JSON object: answers by status (and OAuth error), latencies in milliseconds.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

var mode = args[0];
var url = args[1].TrimEnd('/') + "/oauth/token";
var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"demo-client:{args[2]}")));
var username = args[3];
return mode switch
{
    "flood" => await FloodAsync(int.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6]), int.Parse(args[7]), int.Parse(args[8])),
    "owner" => await OwnerAsync(args[4], int.Parse(args[5]), int.Parse(args[6])),
    _ => 2,
};

async Task<int> FloodAsync(int seconds, int firstHost, int lastHost, int concurrency, int maxRequests)
{
    var clients = Enumerable.Range(firstHost, lastHost - firstHost + 1).Select(h => ClientFrom(IPAddress.Parse($"127.0.0.{h}"))).ToArray();
    var answers = new ConcurrentDictionary<string, int>();
    var stop = Stopwatch.StartNew();
    var sent = 0;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        for (var i = worker; stop.Elapsed.TotalSeconds < seconds && Interlocked.Increment(ref sent) <= maxRequests; i += concurrency)
        {
            var (kind, _) = await PostAsync(clients[i % clients.Length], $"wrong-{i}");
            answers.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    })));
    var total = answers.Values.Sum();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        flood = new { addresses = clients.Length, concurrency, seconds = Math.Round(stop.Elapsed.TotalSeconds, 1), requests = total, rps = Math.Round(total / stop.Elapsed.TotalSeconds, 1), answers },
    }));
    return 0;
}

async Task<int> OwnerAsync(string password, int seconds, int intervalMs)
{
    var client = ClientFrom(IPAddress.Loopback);
    var answers = new Dictionary<string, int>();
    var ok = new List<double>();
    var all = new List<double>();
    var stop = Stopwatch.StartNew();
    while (stop.Elapsed.TotalSeconds < seconds)
    {
        var next = stop.Elapsed + TimeSpan.FromMilliseconds(intervalMs);
        var (kind, ms) = await PostAsync(client, password);
        answers[kind] = answers.GetValueOrDefault(kind) + 1;
        all.Add(ms);
        if (kind == "200") ok.Add(ms);
        var wait = next - stop.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        owner = new
        {
            samples = all.Count, answers,
            ok_p50_ms = Percentile(ok, 0.50), ok_p99_ms = Percentile(ok, 0.99), ok_max_ms = ok.Count == 0 ? 0 : Math.Round(ok.Max(), 1),
            all_p99_ms = Percentile(all, 0.99),
        },
    }));
    return 0;
}

async Task<(string Kind, double Ms)> PostAsync(HttpClient client, string password)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, url)
    {
        Content = new FormUrlEncodedContent([new("grant_type", "password"), new("username", username), new("password", password)]),
    };
    request.Headers.Authorization = basic;
    var watch = Stopwatch.StartNew();
    try
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (response.IsSuccessStatusCode)
            return ("200", ms);
        var error = body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        return ($"{(int)response.StatusCode} {error}".Trim(), ms);
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        return ("transport error", watch.Elapsed.TotalMilliseconds);
    }
}

static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
{
    ConnectTimeout = TimeSpan.FromSeconds(5),
    ConnectCallback = async (context, token) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    },
})
{
    Timeout = TimeSpan.FromSeconds(15),
};

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0) return 0;
    var sorted = values.Order().ToList();
    return Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);
}
