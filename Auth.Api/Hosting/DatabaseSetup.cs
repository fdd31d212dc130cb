using Auth.Data;

namespace Auth.Api.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// The connection strings <c>Auth</c>, <c>AuthListen</c> and <c>AuthRead</c>, and
    /// <c>Auth:Database:AutoPrepare</c> (default false: see <see cref="DatabaseSettings"/>).
    /// </summary>
    public static DatabaseSettings From(IConfiguration configuration, string connectionString) => new(
        connectionString,
        configuration.GetConnectionString("AuthListen"),
        configuration.GetConnectionString("AuthRead"),
        configuration.GetValue("Auth:Database:AutoPrepare", false));
}
