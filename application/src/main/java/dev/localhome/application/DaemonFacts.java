package dev.localhome.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What only the composition root knows about the running daemon, for its status page and API: the version, when it
 * started, the address it binds, the plugins it loaded and the commands that make its CA trusted on this machine.
 *
 * @param trustSteps for this platform and its browsers, in the order to show them; empty without a CA
 */
public record DaemonFacts(String version, Instant startedAt, String bindHost, List<String> plugins,
                          List<TrustStep> trustSteps) {

    /** One command that makes the CA trusted by one store: "system (Debian, Ubuntu)", "Firefox profile x", ... */
    public record TrustStep(String store, String command) {
        public TrustStep {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(command, "command");
        }
    }

    public DaemonFacts {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(bindHost, "bindHost");
        plugins = List.copyOf(plugins);
        trustSteps = List.copyOf(trustSteps);
    }

    /** Facts for a transport started without a composition root (tests): version "dev", started now, no plugins. */
    public static DaemonFacts neutral() {
        return new DaemonFacts("dev", Instant.now(), "127.0.0.1", List.of(), List.of());
    }
}
