package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.port.DiscoveryState;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;

/** Why container discovery finds nothing, in the words {@code localhome status} shows. */
final class EngineTrouble {
    static final String NOT_CONNECTED_YET = "not connected yet";

    private EngineTrouble() {}

    /** The state after a connection to the engine at {@code path} failed with {@code failure}. */
    static DiscoveryState of(Throwable failure, Path path, Instant now) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("ermission denied") || failure instanceof AccessDeniedException)
            return new DiscoveryState.Off(permissionDenied(path));
        if (message.contains("refused"))
            return new DiscoveryState.Paused("the engine at %s does not answer (connection refused): is it running?"
                    .formatted(path), now);
        return new DiscoveryState.Paused("the engine at %s: %s".formatted(path, failure), now);
    }

    static String permissionDenied(Path path) {
        return ("permission denied on %s: localhome needs read and write access to the engine's socket (on Linux, "
                + "membership of the docker group, which is as good as root)").formatted(path);
    }

    static DiscoveryState stoppedAnswering(Path path, Instant now) {
        return new DiscoveryState.Paused("the engine at %s stopped answering".formatted(path), now);
    }

    /**
     * The state to show when {@code next} follows {@code before}: {@code before} itself when nothing changed but the
     * time (each retry finds the engine still gone), else {@code next}, except that a pause keeps the time it began.
     */
    static DiscoveryState after(DiscoveryState before, DiscoveryState next) {
        if (!(before instanceof DiscoveryState.Paused was) || !(next instanceof DiscoveryState.Paused is))
            return before.equals(next) ? before : next;
        if (was.reason().equals(is.reason())) return before;
        return was.reason().equals(NOT_CONNECTED_YET) ? next : new DiscoveryState.Paused(is.reason(), was.since());
    }
}
