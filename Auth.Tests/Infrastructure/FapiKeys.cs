using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Infrastructure;

/// <summary>
/// A key pair held by a test client, signing with <see cref="JsonWebTokenHandler"/> (independent of
/// the service's own JOSE code): DPoP proofs (RFC 9449 §4.2) and private_key_jwt assertions (RFC 7523).
/// </summary>
public sealed class TestKey
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AsymmetricSecurityKey _key;
    private readonly string _alg;

    private TestKey(AsymmetricSecurityKey key, string alg) => (_key, _alg) = (key, alg);

    public static TestKey Es256() => new(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);

    public static TestKey Ps256() => new(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSsaPssSha256);

    public static TestKey Rs256() => new(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256);

    /// <summary>The public JWK, as IdentityModel writes it.</summary>
    public JsonWebKey PublicJwk => _key switch
    {
        ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false)))),
        RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false))),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The RFC 7638 thumbprint, computed by IdentityModel.</summary>
    public string Thumbprint => Base64UrlEncoder.Encode(PublicJwk.ComputeJwkThumbprint());

    /// <summary>The public members only, as a proof's <c>jwk</c> header or a JWKS entry carries them.</summary>
    public Dictionary<string, object> PublicMembers(string? kid = null)
    {
        var jwk = PublicJwk;
        var members = jwk.Kty == "EC"
            ? new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y }
            : new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = jwk.N, ["e"] = jwk.E };
        if (kid is not null)
            members["kid"] = kid;
        return members;
    }

    /// <summary>A JWK Set of this key's public part, as a client registers it.</summary>
    public JsonElement Jwks(string? kid = null) => JsonSerializer.SerializeToElement(new { keys = new[] { PublicMembers(kid) } });

    public string JwksJson(string? kid = null) => Jwks(kid).GetRawText();

    /// <summary>A DPoP proof for one request.</summary>
    public string Proof(string method, string uri, DateTimeOffset iat, string? accessToken = null, string? nonce = null,
        string? jti = null, string type = "dpop+jwt", TestKey? embed = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
            ["htm"] = method,
            ["htu"] = uri,
            ["iat"] = iat.ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
            claims["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        if (nonce is not null)
            claims["nonce"] = nonce;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Claims = claims,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = (embed ?? this).PublicMembers() },
            SigningCredentials = new SigningCredentials(_key, _alg),
        });
    }

    /// <summary>A private_key_jwt client assertion (RFC 7523 §3).</summary>
    public string Assertion(string clientId, string audience, DateTimeOffset now, TimeSpan? lifetime = null, string? jti = null,
        string? issuer = null, string? kid = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromSeconds(60))).ToUnixTimeSeconds(),
        };
        var descriptor = new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(_key, _alg) };
        if (kid is not null)
            descriptor.AdditionalHeaderClaims = new Dictionary<string, object> { ["kid"] = kid };
        return Handler.CreateToken(descriptor);
    }
}
