package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceName;
import java.util.Objects;
import java.util.OptionalInt;

/** How a request reached the daemon: straight to its socket, or inside a tunnel a {@code CONNECT} opened. */
public sealed interface Arrival {
    /**
     * Straight to the listener: reverse proxy by {@code Host}, or a forward-proxy request in absolute form.
     *
     * @param tls whether the connection opened with a TLS handshake on the daemon's own port ({@code https://
     *            app.localhost:9090/}): its requests are forwarded with {@code X-Forwarded-Proto: https}
     */
    record Direct(boolean tls) implements Arrival {
        public Direct() {
            this(false);
        }
    }

    /**
     * Inside the tunnel of {@code CONNECT name:80} (plain) or an intercepted {@code CONNECT name:443} (tls), or of
     * {@code CONNECT name:port} for one of the service's own ports: then {@code port} is that port, and every
     * request in the tunnel goes to it.
     */
    record InTunnel(ServiceName name, boolean tls, OptionalInt port) implements Arrival {
        public InTunnel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(port, "port");
        }

        /** A tunnel to the service's chosen port: {@code CONNECT name:80} or {@code name:443}. */
        public InTunnel(ServiceName name, boolean tls) {
            this(name, tls, OptionalInt.empty());
        }
    }

    static Arrival direct() {
        return new Direct();
    }

    /** Straight to the listener, inside TLS the daemon's own port served. */
    static Arrival directOverTls() {
        return new Direct(true);
    }
}
