package dev.localhome.bench.loadgen;

import java.util.Arrays;
import java.util.Optional;

/** What one connection of a run is: how it reaches the server, whether it speaks TLS and which HTTP. */
enum Mode {
    DIRECT("direct", 0, false, false),
    REVERSE("reverse", 0, false, false),
    ABSOLUTE("absolute", 0, false, false),
    CONNECT80("connect80", 80, false, false),
    MITM("mitm", 443, true, false),
    MITM_H2("mitm-h2", 443, true, true),
    TLS("tls", 0, true, false),
    TLS_H2("tls-h2", 0, true, true),
    FIRST("first", 443, true, false);

    final String cliName;
    /** The port of the {@code CONNECT NAME:port} that opens each connection, 0 for none. */
    final int tunnelPort;
    final boolean tls;
    final boolean h2;

    Mode(String cliName, int tunnelPort, boolean tls, boolean h2) {
        this.cliName = cliName;
        this.tunnelPort = tunnelPort;
        this.tls = tls;
        this.h2 = h2;
    }

    static Optional<Mode> byCliName(String name) {
        return Arrays.stream(values()).filter(m -> m.cliName.equals(name)).findFirst();
    }

    /** The request line's target: origin-form, except for the absolute-form a proxy gets from a client it serves. */
    String requestTarget(Options o) {
        return this == ABSOLUTE ? "http://" + o.name() + o.path() : o.path();
    }

    String hostHeader(Options o) {
        return switch (this) {
            case DIRECT -> o.host() + ":" + o.port();
            case REVERSE -> o.name() + ".localhost:" + o.port();
            default -> o.name();
        };
    }
}
