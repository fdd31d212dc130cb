namespace Auth.Tests.Admin;

/// <summary>What the client admin tests share: the route and fresh client ids.</summary>
internal static class ClientAdminApi
{
    public const string Path = "/api/v1/auth/client";

    public static string NewId() => $"c-{Guid.NewGuid():N}"[..20];
}
