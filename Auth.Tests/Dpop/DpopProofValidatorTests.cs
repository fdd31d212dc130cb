using Auth.Core.Dpop;
using Auth.Core.Jose;
using System.Text.Json;
using Auth.Tests.Infrastructure;

namespace Auth.Tests.Dpop;

/// <summary>RFC 9449 §4.3 checks of a proof, with no database: pure Core.</summary>
public sealed class DpopProofValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private const string Uri = "https://as.example/oauth/token";
    private static DpopExpectation Expect(string? token = null, Func<string, bool>? nonce = null) =>
        new("POST", Uri, Now, TimeSpan.FromSeconds(60), token, nonce);

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS256")]
    [InlineData("RS256")]
    public void ValidProof_YieldsTheKeysRfc7638Thumbprint(string alg)
    {
        var key = alg switch { "ES256" => TestKey.Es256(), "PS256" => TestKey.Ps256(), _ => TestKey.Rs256() };

        var proof = DpopProofValidator.Validate(key.Proof("POST", Uri, Now), Expect());

        Assert.False(proof.IsError, proof.Error?.Description);
        // The thumbprint as IdentityModel computes it: an independent implementation of RFC 7638.
        Assert.Equal(key.Thumbprint, proof.Value!.Jkt);
    }

    [Fact]
    public void Thumbprint_MatchesTheRfc7638Example()
    {
        // RFC 7638 §3.1: the example RSA key and its thumbprint.
        var jwk = JsonDocument.Parse("""
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """).RootElement;

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", AsymmetricJwk.Parse(jwk)!.Thumbprint);
    }

    [Fact]
    public void WrongHtm_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("GET", Uri, Now), Expect());

    [Fact]
    public void WrongHtu_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", "https://as.example/oauth/par", Now), Expect());

    [Fact]
    public void HtuWithQueryAndUpperCaseHost_StillMatches()
    {
        var proof = DpopProofValidator.Validate(TestKey.Es256().Proof("POST", "https://AS.example/oauth/token?x=1", Now), Expect());
        Assert.False(proof.IsError);
    }

    [Fact]
    public void StaleIat_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", Uri, Now.AddSeconds(-61)), Expect());

    [Fact]
    public void FutureIat_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", Uri, Now.AddSeconds(61)), Expect());

    [Fact]
    public void WrongTyp_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", Uri, Now, type: "JWT"), Expect());

    [Fact]
    public void SignatureByAnotherKeyThanTheEmbeddedJwk_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", Uri, Now, embed: TestKey.Es256()), Expect());

    [Fact]
    public void AthOfAnotherToken_IsRefused() =>
        AssertRefused(TestKey.Es256().Proof("POST", Uri, Now, accessToken: "token-a"), Expect(token: "token-b"));

    [Fact]
    public void MatchingAth_IsAccepted() =>
        Assert.False(DpopProofValidator.Validate(TestKey.Es256().Proof("POST", Uri, Now, accessToken: "token-a"), Expect(token: "token-a")).IsError);

    [Fact]
    public void MissingNonce_WhenRequired_AsksForOne()
    {
        var proof = DpopProofValidator.Validate(TestKey.Es256().Proof("POST", Uri, Now), Expect(nonce: _ => true));
        Assert.Equal(DpopErrors.UseDpopNonce, proof.Error!.Code);
    }

    [Fact]
    public void UnsignedProof_IsRefused()
    {
        var signed = TestKey.Es256().Proof("POST", Uri, Now);
        var parts = signed.Split('.');
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[0]).Replace("\"ES256\"", "\"none\""));
        AssertRefused($"{header}.{parts[1]}.", Expect());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("e30.e30.e30.e30")]
    public void Garbage_IsRefusedNotThrown(string proof) => AssertRefused(proof, Expect());

    private static void AssertRefused(string proof, DpopExpectation expectation)
    {
        var outcome = DpopProofValidator.Validate(proof, expectation);
        Assert.True(outcome.IsError);
        Assert.Equal(DpopErrors.InvalidDpopProof, outcome.Error!.Code);
    }
}
