using System.Net;
using System.Net.Sockets;

namespace Auth.Tests.Infrastructure;

/// <summary>HTTP clients whose connections come from a chosen loopback address (all of 127.0.0.0/8 answers on Linux).</summary>
public static class SourceAddress
{
    public static HttpClient Client(string baseUrl, string localAddress, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 256,
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = new Uri(baseUrl) };
}
