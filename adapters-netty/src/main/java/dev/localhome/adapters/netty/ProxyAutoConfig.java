package dev.localhome.adapters.netty;

/**
 * The PAC file: bare names (no dot) go to localhome, everything else direct. When localhome does not know a name it
 * closes the connection without a byte, and the {@code DIRECT} fallback resolves the name as usual.
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
