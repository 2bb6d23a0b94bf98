package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.io.IOException;

/** {@code CONNECT} by hand, as a browser sends it once the PAC file pointed a bare name at the daemon. */
final class Tunnels {
    private Tunnels() {}

    /** Opens a tunnel to {@code target} ({@code name:443}, {@code name:80}); fails unless the daemon answers 200. */
    static RawConnection open(int daemonPort, String target) throws IOException {
        RawConnection raw = new RawConnection(daemonPort);
        try {
            raw.send(request(target));
            String head = raw.readHead();
            if (!head.startsWith("HTTP/1.1 200")) throw new IOException("CONNECT " + target + " answered: " + head);
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static String request(String target) {
        return "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    }
}
