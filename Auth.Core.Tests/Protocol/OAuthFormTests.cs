using System.Text;
using Auth.Api.OAuth;
using Auth.Core.OAuth;
using Microsoft.AspNetCore.Http;

namespace Auth.Core.Tests.Protocol;

/// <summary>The form reader of the OAuth endpoints (RFC 6749 §3.1, §3.2), on a request in memory.</summary>
public sealed class OAuthFormTests
{
    internal static HttpRequest Request(string body, string contentType = "application/x-www-form-urlencoded")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return http.Request;
    }

    [Fact]
    public async Task Read_FormBody_GivesDecodedValuesAndSkipsEmptyOnes()
    {
        var form = (await OAuthForm.ReadAsync(Request("grant_type=password&scope=a+b&username=&x=%C3%A9"))).Value!;
        Assert.Equal("password", form[Parameters.GrantType]);
        Assert.Equal("a b", form[Parameters.Scope]);
        Assert.False(form.Has(Parameters.Username));
        Assert.Equal("é", form["x"]);
    }

    [Fact]
    public async Task Read_RepeatedParameter_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, (await OAuthForm.ReadAsync(Request("scope=a&scope=b"))).Error?.Code);

    [Fact]
    public async Task Read_Json_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, (await OAuthForm.ReadAsync(Request("{}", "application/json"))).Error?.Code);

    [Fact]
    public async Task Read_Nul_IsInvalidRequest() =>
        Assert.Equal(OAuthErrors.InvalidRequest, (await OAuthForm.ReadAsync(Request("code=a%00b"))).Error?.Code);

    [Fact]
    public async Task Read_BodyOverTheLimit_IsInvalidRequestUnread()
    {
        var request = Request("a=b");
        request.ContentLength = OAuthForm.MaxBodyBytes + 1;
        Assert.Equal(OAuthErrors.InvalidRequest, (await OAuthForm.ReadAsync(request)).Error?.Code);
    }
}
