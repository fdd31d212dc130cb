using System.Net;
using Auth.Core.OAuth;
using Auth.Data.Clients;
using Auth.Tests.Admin;
using Auth.Tests.Infrastructure;
using Npgsql;

namespace Auth.Tests.Hosting;

/// <summary>
/// A statement PostgreSQL refuses leaves its pooled connection in step (issue 12 item 0): on a pool
/// of one connection, every later answer is the right one. The failure comes on the first, second and
/// third run of each statement, so one of them is the run that would auto-prepare it.
/// </summary>
public sealed class PooledConnectionTests(PooledConnectionTests.OneConnectionApp app) : IClassFixture<PooledConnectionTests.OneConnectionApp>
{
    public sealed class OneConnectionApp : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [KeyValuePair.Create("ConnectionStrings:Auth", new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 1 }.ConnectionString)];
    }

    [Fact]
    public async Task ListBatch_RefusedByTheDatabase_LeavesThePooledConnectionInStep()
    {
        var http = await app.AdminHttpAsync();
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = ClientAdminApi.NewId();
            ids.Add(id);
            await http.AddAsync(new { clientId = id, clientName = $"Pooled {i}", tenantId = tenant, authorizationGrantTypes = new[] { GrantTypes.ClientCredentials } });
        }
        var store = app.Service<ClientAdminStore>();
        // Note: each filter set is its own SQL text, so each starts with no runs on the connection.
        ClientFilter[] shapes = [new("Pooled", null, tenant), new("Pooled", true, tenant), new("Pooled", true, null)];

        var failures = new List<string>();
        for (var runsBefore = 0; runsBefore < shapes.Length; runsBefore++)
        {
            var shape = shapes[runsBefore];
            for (var i = 0; i < runsBefore; i++)
                await store.ListAsync(shape, 0, 10);

            // The first statement of the batch fails at Bind: PostgreSQL text cannot hold NUL.
            var refused = await Assert.ThrowsAsync<PostgresException>(() => store.ListAsync(shape with { NameContains = "x\0y" }, 0, 10));
            Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);

            for (var i = 0; i < 10; i++)
                failures.AddRange(await OrdinaryRequestsAsync(http, tenant, ids, shape, i));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<IEnumerable<string>> OrdinaryRequestsAsync(HttpClient http, string tenant, List<string> ids, ClientFilter shape, int i)
    {
        var failures = new List<string>();
        var list = await http.GetAsync($"{ClientAdminApi.Path}?clientName=Pooled&tenantId={tenant}&pageNo={1 + i % 3}&pageSize=1");
        var listBody = await list.Content.ReadAsStringAsync();
        if (list.StatusCode != HttpStatusCode.OK)
            failures.Add($"list {i}: {(int)list.StatusCode} {listBody}");
        else
        {
            var data = (await AuthApp.JsonAsync(list)).GetProperty("data");
            var names = data.GetProperty("list").EnumerateArray().Select(c => c.GetProperty("clientName").GetString()).ToList();
            if (data.GetProperty("total").GetInt64() != 3 || names.Count != 1 || names[0] != $"Pooled {i % 3}")
                failures.Add($"list {i}: {listBody}");
        }

        var detail = await http.GetAsync($"{ClientAdminApi.Path}/{ids[i % 3]}");
        var detailBody = await detail.Content.ReadAsStringAsync();
        if (detail.StatusCode != HttpStatusCode.OK || !detailBody.Contains($"\"{ids[i % 3]}\""))
            failures.Add($"detail {i}: {(int)detail.StatusCode} {detailBody}");

        try
        {
            var (rows, total) = await app.Service<ClientAdminStore>().ListAsync(shape, 0, 10);
            if (total != 3 || !rows.Select(r => r.Id).Order().SequenceEqual(ids.Order()))
                failures.Add($"store {i}: {total} {string.Join(",", rows.Select(r => r.Id))}");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or InvalidCastException || e.GetType() == typeof(Exception))
        {
            failures.Add($"store {i}: {e.GetType().Name} {e.Message}");
        }
        return failures;
    }
}
