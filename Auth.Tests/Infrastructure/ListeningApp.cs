using Auth.DevTools.LocalCluster;
using Microsoft.AspNetCore.Hosting;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// The service in-process on real sockets (Kestrel): a public listener and the management one, each
/// on a free port, so that a request's local port says which listener it came in on.
/// </summary>
public class ListeningApp : AuthApp
{
    public string Url { get; } = $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";
    public string ManagementUrl { get; } = $"http://127.0.0.1:{LocalPostgresCluster.FreePort()}";

    public ListeningApp() => UseKestrel();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", Url);
        builder.UseSetting(Auth.Api.Hosting.ManagementListener.UrlsSetting, ManagementUrl);
    }

    /// <summary>A client of the public listener.</summary>
    public HttpClient Public()
    {
        StartServer();
        return new HttpClient { BaseAddress = new Uri(Url) };
    }

    /// <summary>A client of the public listener whose connections come from <paramref name="localAddress"/> (127.0.0.2, ...).</summary>
    public HttpClient From(string localAddress)
    {
        StartServer();
        return SourceAddress.Client(Url, localAddress);
    }

    /// <summary>A client of the management listener.</summary>
    public HttpClient Management()
    {
        StartServer();
        return new HttpClient { BaseAddress = new Uri(ManagementUrl) };
    }
}
