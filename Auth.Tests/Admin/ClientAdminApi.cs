using Auth.Tests.Infrastructure;

namespace Auth.Tests.Admin;

/// <summary>What the client admin tests share: the route and fresh client ids.</summary>
internal static class ClientAdminApi
{
    public const string Path = "/api/v1/auth/client";

    public static string NewId() => $"c-{Guid.NewGuid():N}"[..20];

    /// <summary>An admin client and an id no client has yet: how most client admin tests start.</summary>
    public static async Task<(HttpClient Http, string Id)> AdminWithNewIdAsync(this AuthApp app) => (await app.AdminHttpAsync(), NewId());
}
