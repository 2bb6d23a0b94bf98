package dev.localhome.domain;

/**
 * Where a service listens. Always a loopback address: localhome never connects anywhere else, so it can never be an
 * open proxy.
 */
public record Endpoint(String address, int port) {
    public static final String IPV4_LOOPBACK = "127.0.0.1";
    public static final String IPV6_LOOPBACK = "::1";

    public Endpoint {
        if (!IPV4_LOOPBACK.equals(address) && !IPV6_LOOPBACK.equals(address))
            throw new IllegalArgumentException("not a loopback address: '%s'".formatted(address));
        if (port < 1 || port > 65_535)
            throw new IllegalArgumentException("not a TCP port: %d".formatted(port));
    }

    public static Endpoint loopback(int port) {
        return new Endpoint(IPV4_LOOPBACK, port);
    }

    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
