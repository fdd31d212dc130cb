using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Core.Tokens;

/// <summary>An RSA key that signs access tokens with RS256, named by its RFC 7638 thumbprint.</summary>
public sealed class SigningKey
{
    private SigningKey(RSA rsa)
    {
        Rsa = rsa;
        var publicOnly = new RsaSecurityKey(rsa.ExportParameters(false));
        Kid = Base64UrlEncoder.Encode(publicOnly.ComputeJwkThumbprint());
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = Kid };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
    }

    public string Kid { get; }
    public RSA Rsa { get; }
    public RsaSecurityKey SecurityKey { get; }
    public SigningCredentials Credentials { get; }

    public static SigningKey Generate() => new(RSA.Create(2048));

    public static SigningKey FromPem(string privateKeyPem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return new SigningKey(rsa);
    }

    public string ExportPrivateKeyPem() => Rsa.ExportPkcs8PrivateKeyPem();

    public string ExportPublicKeyPem() => Rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public half as a JWK (RFC 7517 §4, RFC 7518 §6.3.1).</summary>
    public PublicJwk ToPublicJwk()
    {
        var p = Rsa.ExportParameters(false);
        return new PublicJwk("RSA", "sig", "RS256", Kid, Base64UrlEncoder.Encode(p.Modulus!), Base64UrlEncoder.Encode(p.Exponent!));
    }
}

public sealed record PublicJwk(string Kty, string Use, string Alg, string Kid, string N, string E);
