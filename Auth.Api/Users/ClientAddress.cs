using System.Net;
using System.Net.Sockets;

namespace Auth.Api.Users;

/// <summary>The address a request is counted under: IPv4 as is, IPv6 by its /64.</summary>
public static class ClientAddress
{
    /// <summary>
    /// Note: one IPv6 subscriber usually holds a whole /64, so counting per address would give an
    /// attacker 2^64 fresh counters; the /64 is the smallest block one party cannot trivially leave.
    /// </summary>
    public static string Partition(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string Of(HttpContext? http) => Partition(http?.Connection.RemoteIpAddress);
}
