package dev.localhome.bootstrap.cli;

/**
 * The PAC file: bare names (no dot) go to localhome, everything else direct. When localhome does not know a name it
 * closes the connection without a byte, and the {@code DIRECT} fallback resolves the name as usual.
 *
 * <p>TEMPORARY COPY of {@code adapters-netty}'s {@code ProxyAutoConfig} (which serves {@code /proxy.pac}): the two
 * must not drift. Proposed home: {@code dev.localhome.domain.routing.ProxyAutoConfig} in {@code domain}, public,
 * used by both; then delete this class.
 */
final class ProxyAutoConfig {
    private ProxyAutoConfig() {}

    static String forPort(int port) {
        return """
                function FindProxyForURL(url, host) {
                  if (isPlainHostName(host) && host !== "localhost") {
                    return "PROXY 127.0.0.1:%d; DIRECT";
                  }
                  return "DIRECT";
                }
                """.formatted(port);
    }
}
