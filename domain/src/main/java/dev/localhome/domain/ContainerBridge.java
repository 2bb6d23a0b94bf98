package dev.localhome.domain;

/**
 * A container network's bridge on this host (docker0, podman0, a Compose project's {@code br-…}): an IPv4 subnet in
 * a private range (RFC 1918) whose gateway address this host holds on one of its own interfaces, so an address inside
 * it is reached over that interface and never through a router.
 *
 * <p>The domain checks the shape; the discovery source that builds one checks that the gateway is really one of this
 * host's addresses. Together they are the one way an {@link Endpoint} may leave loopback.
 *
 * @param gateway      the bridge's own address on this host, e.g. {@code 172.17.0.1}
 * @param prefixLength the subnet's prefix length, e.g. 16
 */
public record ContainerBridge(String gateway, int prefixLength) {
    private static final int MIN_PREFIX = 8;
    private static final int MAX_PREFIX = 30; // a /31 or /32 leaves no address for a container beside the gateway
    /** RFC 1918: 10/8, 172.16/12, 192.168/16, as {address, prefix length}. */
    private static final long[][] PRIVATE = {
            {ipv4("10.0.0.0"), 8}, {ipv4("172.16.0.0"), 12}, {ipv4("192.168.0.0"), 16}};

    public ContainerBridge {
        long address = ipv4(gateway);
        if (address < 0) throw new IllegalArgumentException("not an IPv4 address: '%s'".formatted(gateway));
        if (prefixLength < MIN_PREFIX || prefixLength > MAX_PREFIX)
            throw new IllegalArgumentException("not a bridge's prefix length: %d".formatted(prefixLength));
        if (!isPrivate(address, prefixLength))
            throw new IllegalArgumentException("%s/%d is not inside a private range (10/8, 172.16/12, 192.168/16)"
                    .formatted(gateway, prefixLength));
    }

    /**
     * Whether {@code address} is a container's address on this bridge: an IPv4 literal inside the subnet, neither
     * the gateway (the host itself) nor the subnet's network or broadcast address.
     */
    public boolean holds(String address) {
        long candidate = ipv4(address);
        if (candidate < 0) return false;
        long mask = mask(prefixLength);
        long network = ipv4(gateway) & mask;
        long broadcast = network | (~mask & 0xFFFF_FFFFL);
        return (candidate & mask) == network && candidate != network && candidate != broadcast
                && candidate != ipv4(gateway);
    }

    private static boolean isPrivate(long address, int prefixLength) {
        for (long[] range : PRIVATE) {
            long mask = mask((int) range[1]);
            if (prefixLength >= range[1] && (address & mask) == range[0]) return true;
        }
        return false;
    }

    private static long mask(int prefixLength) {
        return (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    }

    /**
     * A dotted-quad IPv4 literal as an unsigned number, or -1 when {@code text} is not exactly one (four decimal
     * octets, no leading zeros: {@code 010} is octal to some parsers and decimal to others).
     */
    static long ipv4(String text) {
        if (text == null) return -1;
        long value = 0;
        int octets = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('.', start);
            if (end < 0) end = text.length();
            int length = end - start;
            if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) return -1;
            int octet = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') return -1;
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255 || ++octets > 4) return -1;
            value = (value << 8) | octet;
            start = end + 1;
        }
        return octets == 4 ? value : -1;
    }

    @Override
    public String toString() {
        return gateway + "/" + prefixLength;
    }
}
