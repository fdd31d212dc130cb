using System.Net;
using Auth.Api.Users;

namespace Auth.Core.Tests.Users;

public sealed class ClientAddressTests
{
    [Fact]
    public void Ipv6_AddressesInOneSlash64_ShareAPartition_OthersDoNot()
    {
        var a = ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2:aaaa::1"));
        var b = ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2:ffff:1:2:3"));
        var other = ClientAddress.Partition(IPAddress.Parse("2001:db8:1:3::1"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Ipv4_AndItsMappedForm_AreOneAddress()
    {
        Assert.Equal("192.0.2.7", ClientAddress.Partition(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.NotEqual(ClientAddress.Partition(IPAddress.Parse("192.0.2.7")), ClientAddress.Partition(IPAddress.Parse("192.0.2.8")));
    }
}
