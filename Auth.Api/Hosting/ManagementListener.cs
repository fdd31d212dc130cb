namespace Auth.Api.Hosting;

/// <summary>
/// The management listener (<c>Auth:Management:Urls</c>, default <c>http://127.0.0.1:9464</c>, as
/// Keycloak moved its metrics off the public port): the only listener that serves <c>/metrics</c>
/// (it names client ids and their volumes); <c>/healthz</c> and <c>/readyz</c> answer on both; the
/// rest of the service only on the public one. Which listener a request came in on is decided by
/// the local port of its connection, which no header can change. Empty: no management listener,
/// and <c>/metrics</c> answers 404 everywhere.
/// </summary>
public static class ManagementListener
{
    public const string UrlsSetting = "Auth:Management:Urls";
    public const string DefaultUrls = "http://127.0.0.1:9464";

    /// <summary>Listeners an endpoint answers on; without it, the public one only.</summary>
    public sealed record Scope(bool Public, bool Management)
    {
        public static readonly Scope ManagementOnly = new(false, true);
        public static readonly Scope Both = new(true, true);
    }

    /// <summary>The local ports of the management listener.</summary>
    public sealed record Ports(IReadOnlySet<int> Values);

    /// <summary>Listens on the public URLs and the management ones; refuses ports it could not tell apart.</summary>
    public static void AddManagementListener(this WebApplicationBuilder builder, string publicUrls)
    {
        var management = Split(builder.Configuration[UrlsSetting] ?? DefaultUrls);
        var ports = management.Select(ExplicitPort).ToHashSet();
        var clash = Split(publicUrls).Select(url => BindingAddress.Parse(url).Port).FirstOrDefault(ports.Contains);
        if (clash != 0)
            throw new InvalidOperationException($"{UrlsSetting} uses port {clash}, which a public listen address (urls) uses too: give the management listener its own port.");
        builder.Services.AddSingleton(new Ports(ports));
        if (management.Length > 0)
            builder.WebHost.UseUrls([.. Split(publicUrls), .. management]);
    }

    /// <summary>Answers 404 to a request for an endpoint that does not answer on the listener it came in on.</summary>
    public static IApplicationBuilder UseManagementListener(this WebApplication app)
    {
        var ports = app.Services.GetRequiredService<Ports>().Values;
        return app.Use((http, next) =>
        {
            var onManagement = ports.Contains(http.Connection.LocalPort);
            var scope = http.GetEndpoint()?.Metadata.GetMetadata<Scope>();
            var served = onManagement ? scope?.Management == true : scope?.Public ?? true;
            if (served)
                return next(http);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    private static int ExplicitPort(string url)
    {
        var address = BindingAddress.Parse(url);
        if (address.IsUnixPipe || address.Port == 0)
            throw new InvalidOperationException($"{UrlsSetting}: '{url}' needs an explicit TCP port (the listener is recognised by its port).");
        return address.Port;
    }

    private static string[] Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
