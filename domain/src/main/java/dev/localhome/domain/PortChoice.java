package dev.localhome.domain;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a service's listening ports serves its pages. Dev servers also open debugger and ephemeral ports; those
 * are dropped, and the lowest remaining port wins. When nothing survives, the lowest port of all does.
 */
public final class PortChoice {
    private static final Set<Integer> DEBUG_PORTS = Set.of(9229, 9222, 5858);
    private static final int FIRST_EPHEMERAL_PORT = 49_152;

    private PortChoice() {}

    /** Why {@code chosen} (what {@link #choose} picked from {@code ports}) serves the name: the rule, in a sentence. */
    public static String why(Collection<Integer> ports, int chosen) {
        if (ports.size() == 1) return "port %d is its only port".formatted(chosen);
        boolean anyOrdinary = ports.stream().anyMatch(port -> !DEBUG_PORTS.contains(port) && port < FIRST_EPHEMERAL_PORT);
        return anyOrdinary
                ? "port %d is the lowest of its ports %s that is not a debugger port (9229, 9222, 5858) or an ephemeral one (49152 and up)"
                        .formatted(chosen, new TreeSet<>(ports))
                : "port %d is the lowest of its ports %s (all are debugger or ephemeral ports)"
                        .formatted(chosen, new TreeSet<>(ports));
    }

    public static int choose(Collection<Integer> ports) {
        if (ports.isEmpty()) throw new IllegalArgumentException("a service needs at least one port");
        return ports.stream()
                .filter(port -> !DEBUG_PORTS.contains(port) && port < FIRST_EPHEMERAL_PORT)
                .min(Integer::compare)
                .orElseGet(() -> ports.stream().min(Integer::compare).orElseThrow());
    }
}
