package com.bsp.onboarding.partnerwebhooks.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses an endpoint may not reach: loopback, private (RFC 1918, fc00::/7), link-local, CGNAT
 * (100.64.0.0/10), multicast, unspecified, and IPv4 reached through IPv4-mapped IPv6. Applied to every
 * address a host resolves to, at registration and again at each send (DNS can change in between).
 */
public final class AddressGuard {

    private AddressGuard() {
    }

    /** @return why the address is refused, or null when it is public */
    public static String refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                try {
                    return refusal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return "unreadable address";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "private address (fc00::/7)";
            }
        }
        if (address.isLoopbackAddress()) {
            return "loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "private address";
        }
        if (address.isMulticastAddress()) {
            return "multicast address";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && (second & 0xc0) == 64) {
                return "shared address space (100.64.0.0/10)";
            }
            if (first == 0) {
                return "unspecified address (0.0.0.0/8)";
            }
            if (first >= 240) {
                return "reserved address (240.0.0.0/4)";
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
