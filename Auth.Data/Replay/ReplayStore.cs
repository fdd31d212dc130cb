using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Auth.Data.Replay;

/// <summary>What a remembered <c>jti</c> belongs to; part of its key, so kinds never collide.</summary>
public enum ReplayKind
{
    /// <summary>A DPoP proof, scoped by the thumbprint of its key (RFC 9449 §11.1).</summary>
    DpopProof = 1,
    /// <summary>A <c>private_key_jwt</c> assertion, scoped by its client (RFC 7523 §3 item 7).</summary>
    ClientAssertion = 2,
}

/// <summary>
/// The <c>jti</c> values already seen, shared by every instance and kept across restarts until
/// they expire (table <c>used_jtis</c>, migration 0011).
/// </summary>
public sealed class ReplayStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records a <c>jti</c> as used until <paramref name="rememberUntil"/>. True the first time; false
    /// when it was used before and has not expired. One statement decides between concurrent uses on
    /// any instance: the insert, or the takeover of an expired row that housekeeping has not swept yet.
    /// </summary>
    public async Task<bool> TryUseAsync(ReplayKind kind, string scope, string jti, DateTimeOffset rememberUntil, DateTimeOffset now)
    {
        const string sql = """
            insert into used_jtis (key_hash, expires_at) values (@keyHash, @rememberUntil)
            on conflict (key_hash) do update set expires_at = excluded.expires_at where used_jtis.expires_at <= @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, new
        {
            keyHash = KeyHash(kind, scope, jti), rememberUntil = rememberUntil.UtcDateTime, now = now.UtcDateTime,
        }) == 1;
    }

    // Note: length-prefixed parts, so ("ab", "c") and ("a", "bc") never share a key.
    private static byte[] KeyHash(ReplayKind kind, string scope, string jti) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{(int)kind}:{scope.Length}:{scope}:{jti}"));
}
