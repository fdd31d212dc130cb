// The physical limits of the grants on this machine: RS256 signatures per second (the ceiling of
// client_credentials) and password hashes per second (the ceiling of the password grant), on all
// cores, with the same code the service runs. Prints one JSON object.
using System.Diagnostics;
using System.Text.Json;
using Auth.Api.Users;
using Auth.Core.Tokens;

var seconds = args.Length > 0 ? double.Parse(args[0]) : 5;
var iterations = args.Length > 1 ? int.Parse(args[1]) : 210_000;
var cores = Environment.ProcessorCount;
var key = SigningKey.Generate();
var claims = new AccessTokenClaims
{
    Issuer = "http://127.0.0.1:5080", Subject = "bench", Audiences = ["bench"], ClientId = "bench", Scope = "access",
    IssuedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), Jti = Guid.NewGuid(),
};
var hasher = new IdentityPasswordHasher(iterations);
var stored = hasher.Hash("correct horse battery staple");

AccessTokenFactory.Create(claims, key);
var signs = RunOnAllCores(() => AccessTokenFactory.Create(claims with { Jti = Guid.NewGuid() }, key));
var hashes = RunOnAllCores(() => hasher.Verify(stored, "correct horse battery staple"));
var single = Stopwatch.StartNew();
for (var i = 0; i < 5; i++) hasher.Verify(stored, "correct horse battery staple");
var hashMs = single.Elapsed.TotalMilliseconds / 5;

Console.WriteLine(JsonSerializer.Serialize(new
{
    cores,
    rs256SignsPerSecond = Math.Round(signs),
    passwordHashIterations = iterations,
    passwordHashMs = Math.Round(hashMs, 1),
    passwordHashesPerSecond = Math.Round(hashes, 1),
}));

double RunOnAllCores(Action work)
{
    long count = 0;
    var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var threads = Enumerable.Range(0, cores).Select(_ => new Thread(() =>
    {
        long local = 0;
        while (Stopwatch.GetTimestamp() < until) { work(); local++; }
        Interlocked.Add(ref count, local);
    })).ToList();
    var watch = Stopwatch.StartNew();
    threads.ForEach(t => t.Start());
    threads.ForEach(t => t.Join());
    return count / watch.Elapsed.TotalSeconds;
}
