package dev.localhome.domain.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a discovery source is finding anything, and why not: what {@code localhome status} and {@code /api/status}
 * say of each source. A source that always works (the process scan, static mappings) is always {@link Active}.
 */
public sealed interface DiscoveryState {
    /** Finding services; {@code detail} says where from, e.g. the engine and its socket, or is empty. */
    record Active(String detail) implements DiscoveryState {
        public Active {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String word() {
            return "active";
        }

        @Override
        public String sentence() {
            return detail;
        }
    }

    /** Not looking at all, for a reason that lasts until the daemon restarts or the user acts (no socket, no access). */
    record Off(String reason) implements DiscoveryState {
        public Off {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String word() {
            return "off";
        }

        @Override
        public String sentence() {
            return reason;
        }
    }

    /** Was finding services and stopped since {@code since} (the engine went away); it tries again by itself. */
    record Paused(String reason, Instant since) implements DiscoveryState {
        public Paused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
        }

        @Override
        public String word() {
            return "paused";
        }

        @Override
        public String sentence() {
            return reason + " (since " + since + ")";
        }
    }

    /** The state as one word, for tables and JSON: {@code active}, {@code off} or {@code paused}. */
    String word();

    /** What to tell the user beside the word: the detail, or the reason. */
    String sentence();
}
