using System.Text;
using Auth.Api.OAuth;
using Auth.Core.OAuth;
using Microsoft.AspNetCore.Http;

namespace Auth.Core.Tests.Protocol;

/// <summary>Where a request's client credentials come from (RFC 6749 §2.3.1), read from a request in memory.</summary>
public sealed class ClientCredentialsReaderTests
{
    private static async Task<Outcome<Auth.Core.Clients.ClientCredentials>> ReadAsync(string body, string? authorization = null, string query = "")
    {
        var request = OAuthFormTests.Request(body);
        if (authorization is not null)
            request.Headers.Authorization = authorization;
        request.QueryString = new QueryString(query);
        var form = await OAuthForm.ReadAsync(request);
        return ClientCredentialsReader.Read(request, form.Value!);
    }

    private static string Basic(string id, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"));

    [Fact]
    public async Task Read_BasicHeader_IsSecretBasicWithFormDecodedParts()
    {
        var credentials = (await ReadAsync("grant_type=client_credentials", Basic("my%20app", "s%3Acret"))).Value!;
        Assert.Equal("my app", credentials.ClientId);
        Assert.Equal("s:cret", credentials.Secret);
        Assert.Equal(ClientAuthMethods.SecretBasic, credentials.Method);
    }

    [Fact]
    public async Task Read_BodyCredentials_AreSecretPost() =>
        Assert.Equal(ClientAuthMethods.SecretPost, (await ReadAsync("client_id=app&client_secret=s")).Value!.Method);

    [Fact]
    public async Task Read_BareClientId_IsAPublicClient() =>
        Assert.Equal(ClientAuthMethods.None, (await ReadAsync("client_id=app")).Value!.Method);

    [Fact]
    public async Task Read_HeaderAndBodySecret_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, (await ReadAsync("client_secret=s", Basic("app", "s"))).Error?.Code);

    [Fact]
    public async Task Read_SecretInTheQueryString_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, (await ReadAsync("client_id=app", query: "?client_secret=s")).Error?.Code);

    [Fact]
    public async Task Read_NoCredentials_IsInvalidClient() =>
        Assert.Equal(OAuthErrors.InvalidClient, (await ReadAsync("grant_type=client_credentials")).Error?.Code);

    [Fact]
    public async Task Read_MalformedBasic_IsInvalidClient() =>
        Assert.Equal(OAuthErrors.InvalidClient, (await ReadAsync("grant_type=client_credentials", "Basic !!!")).Error?.Code);
}
