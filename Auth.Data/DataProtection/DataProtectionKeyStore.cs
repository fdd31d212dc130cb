using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Auth.Data.DataProtection;

public sealed record StoredDataProtectionKey(string FriendlyName, string Xml);

/// <summary>
/// The ASP.NET Core data-protection key ring in PostgreSQL, so every instance reads the sign-in
/// cookies and anti-forgery tokens that another wrote. The interface is synchronous; the key
/// manager calls it rarely and caches what it reads. The key manager seals each key's secret
/// (through its <c>IXmlEncryptor</c>) before it reaches this store.
/// </summary>
public sealed class DataProtectionKeyStore(NpgsqlDataSource dataSource) : IXmlRepository
{
    /// <summary>Every stored key element, oldest first.</summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        const string sql = "select xml from data_protection_keys order by created_at, friendly_name";
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>(sql).Select(x => XElement.Parse(x)).ToArray();
    }

    /// <summary>Stores a new key element; a name already stored keeps its first element.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        const string sql = "insert into data_protection_keys (friendly_name, xml) values (@friendlyName, @xml) on conflict (friendly_name) do nothing";
        using var connection = dataSource.OpenConnection();
        connection.Execute(sql, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }

    /// <summary>Every stored key with its name, as text (for sealing plain keys and re-wrapping).</summary>
    public async Task<IReadOnlyList<StoredDataProtectionKey>> LoadAllAsync()
    {
        const string sql = "select friendly_name, xml from data_protection_keys order by created_at, friendly_name";
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<StoredDataProtectionKey>(sql)).ToList();
    }

    /// <summary>Replaces a key's XML only if it is still <paramref name="expectedXml"/>; false if another process changed it first.</summary>
    public async Task<bool> ReplaceAsync(string friendlyName, string expectedXml, XElement replacement)
    {
        const string sql = "update data_protection_keys set xml = @xml where friendly_name = @friendlyName and xml = @expectedXml";
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new { friendlyName, expectedXml, xml = replacement.ToString(SaveOptions.DisableFormatting) }) == 1;
    }
}
