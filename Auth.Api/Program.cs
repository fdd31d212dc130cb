using Auth.Api.Account;
using Auth.Api.Authorize;
using Auth.Api.Bearer;
using Auth.Api.Broker;
using Auth.Api.ClientAdmin;
using Auth.Api.Cli;
using Auth.Api.Discovery;
using Auth.Api.EndSession;
using Auth.Api.Health;
using Auth.Api.Introspection;
using Auth.Api.Hosting;
using Auth.Api.Observability;
using Auth.Api.OpenApi;
using Auth.Api.Par;
using Auth.Api.OperatorConsole;
using Auth.Api.Registration;
using Auth.Api.Resource;
using Auth.Api.Revocation;
using Auth.Api.Token;
using Auth.Api.UserInfo;

return await AuthCommandLine.RunAsync(args, ServeAsync);

// `serve`, `dev`, or bare: the web host. A failure here is reported by AuthCommandLine as one line.
static async Task ServeAsync(string[] args)
{
var builder = WebApplication.CreateBuilder(args);
Auth.Api.Keys.KeyEncryptionKeys.EnsureServable(builder.Configuration);
builder.AddAuthApi();

var app = builder.Build();
await app.Services.EnsureSchemaIsCurrentAsync();
app.UseManagementListener();
app.UseKnownProxies();
app.UseTransportSecurity();
app.UseMiddleware<RequestLogMiddleware>();
app.UseOAuthErrorHandling();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<RequestTextGuard>();

app.MapHealthEndpoints();
app.MapMetricsEndpoint();
app.MapDiscoveryEndpoints();
app.MapTokenEndpoints();
app.MapParEndpoints();
app.MapResourceEndpoints();
app.MapIntrospectionEndpoints();
app.MapRevocationEndpoints();
app.MapAuthorizeEndpoints();
app.MapUserInfoEndpoints();
app.MapEndSessionEndpoints();
app.MapDemoCallback(app.Configuration);
app.MapBrokerEndpoints();
app.MapRegistrationEndpoints();
app.MapClientAdminEndpoints();
app.MapConsoleEndpoints();
app.MapAccountEndpoints();
app.MapAuthOpenApi();
app.MapApiReference(app.Configuration, app.Environment);

await app.RunAsync();
}

public partial class Program;
