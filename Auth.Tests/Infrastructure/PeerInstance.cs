using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Auth.Tests.Infrastructure;

/// <summary>A second service instance on another instance's database, as when several run behind one issuer.</summary>
public sealed class PeerInstance(AuthApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Auth", first.ConnectionString);
        builder.UseSetting("Auth:Issuer", AuthApp.Issuer);
        builder.UseSetting(TestKeyEncryption.FileSetting, TestKeyEncryption.File);
        builder.UseSetting("Auth:PasswordHashIterations", AuthApp.TestHashIterations.ToString());
        foreach (var (key, value) in AuthApp.GenerousRateLimits)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.ClearProviders());
    }
}
