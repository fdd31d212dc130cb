using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Auth.Api.Cli;

/// <summary>
/// A one-shot HTTP listener on the loopback interface for a native app's redirect (RFC 8252 §7.3):
/// it waits for the GET to the redirect path and answers the browser with a short page.
/// </summary>
public sealed class LoopbackCallback : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _path;

    public LoopbackCallback(Uri redirectUri)
    {
        if (redirectUri.Scheme != "http" || !(redirectUri.IsLoopback))
            throw new CliException($"--redirect-uri must be an http URL on localhost or 127.0.0.1, not '{redirectUri}'.");
        _path = redirectUri.AbsolutePath;
        // Note: "localhost" may resolve to ::1 or 127.0.0.1, so listen on both (dual mode) and refuse non-loopback peers.
        _listener = new TcpListener(IPAddress.IPv6Any, redirectUri.Port);
        _listener.Server.DualMode = true;
        try
        {
            _listener.Start();
        }
        catch (SocketException e)
        {
            throw new CliRefusal($"cannot listen for the redirect on port {redirectUri.Port} ({e.Message}).");
        }
    }

    /// <summary>The query parameters of the first request to the redirect path.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            using var socket = await _listener.AcceptTcpClientAsync(ct);
            if (socket.Client.RemoteEndPoint is not IPEndPoint { Address: var peer } || !IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer))
                continue;
            await using var stream = socket.GetStream();
            var requestLine = await ReadLineAsync(stream, ct);
            var target = requestLine.Split(' ') is ["GET", var t, ..] ? t : null;
            var query = target is null ? null : new Uri(new Uri("http://localhost"), target);
            if (query is null || query.AbsolutePath != _path)
            {
                await RespondAsync(stream, "404 Not Found", "Not the redirect URI.", ct);
                continue;
            }
            var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Query)
                .ToDictionary(p => p.Key, p => p.Value.ToString());
            var message = parameters.ContainsKey("error") ? "The authorization failed; see the terminal." : "Signed in. You can close this window and return to the terminal.";
            await RespondAsync(stream, "200 OK", message, ct);
            return parameters;
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (line.Length < 8192 && await stream.ReadAsync(buffer, ct) == 1 && buffer[0] != '\n')
            if (buffer[0] != '\r')
                line.Append((char)buffer[0]);
        return line.ToString();
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string message, CancellationToken ct)
    {
        var body = $"<!doctype html><meta charset=utf-8><title>Auth</title><p>{WebUtility.HtmlEncode(message)}</p>";
        var bytes = Encoding.UTF8.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}");
        await stream.WriteAsync(bytes, ct);
    }

    public void Dispose() => _listener.Stop();
}
