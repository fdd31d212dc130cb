using Auth.Data;
using Npgsql;

namespace Auth.Api.Admin.Clients;

/// <summary>
/// Holds one connection that LISTENs for client changes and drops them from the <see cref="ClientCache"/>.
/// If the connection is lost the cache is switched off until the listener is back.
/// </summary>
public sealed class ClientChangeListener([FromKeyedServices(DataSources.Listen)] NpgsqlDataSource dataSource, ClientCache cache, ILogger<ClientChangeListener> logger) : BackgroundService
{
    public const string Channel = "auth_client_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => cache.Invalidate(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.SetListening(true);
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                        await connection.WaitAsync(stoppingToken);
                }
                finally
                {
                    // Note: pooled connections are not reset on return (DataSetup), so stop listening before giving it back.
                    cache.SetListening(false);
                    if (connection.State == System.Data.ConnectionState.Open)
                    {
                        await using var unlisten = new NpgsqlCommand("unlisten *", connection);
                        await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                cache.SetListening(false);
                logger.LogWarning(e, "Client change listener lost its connection; client cache off until it is back");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        cache.SetListening(false);
    }
}
