using Auth.Api.Account;
using Auth.Api.Admin;
using Auth.Api.Authorize;
using Auth.Api.Bearer;
using Auth.Api.Broker;
using Auth.Api.Cli;
using Auth.Api.Discovery;
using Auth.Api.EndSession;
using Auth.Api.Hosting;
using Auth.Api.Housekeeping;
using Auth.Api.Introspection;
using Auth.Api.Keys;
using Auth.Api.OAuth;
using Auth.Api.OperatorConsole;
using Auth.Api.Par;
using Auth.Api.Registration;
using Auth.Api.Revocation;
using Auth.Api.Token;
using Auth.Api.UserInfo;

return await AuthCommandLine.RunAsync(args, ServeAsync);

// `serve`, `dev`, or bare: the web host. A failure here is reported by AuthCommandLine as one line.
static async Task ServeAsync(string[] args)
{
var builder = WebApplication.CreateBuilder(args);
KeyEncryptionKeys.EnsureServable(builder.Configuration);
// One line per area; each area's registration is in its <Area>Setup.cs.
builder.AddHosting();
builder.AddKeys();
builder.AddAdmin();
builder.AddHousekeeping();
builder.AddOAuth();
builder.AddBearer();
builder.AddAuthorize();
builder.AddConsole();
builder.AddRegistration();

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

app.MapHostingEndpoints();
app.MapDiscoveryEndpoints();
app.MapTokenEndpoints();
app.MapParEndpoints();
app.MapBearerEndpoints();
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

await app.RunAsync();
}

public partial class Program;
