package dev.localhome.domain;

import java.util.Collection;
import java.util.Set;

/**
 * Which of a service's listening ports serves its pages. Dev servers also open debugger and ephemeral ports; those
 * are dropped, and the lowest remaining port wins. When nothing survives, the lowest port of all does.
 */
public final class PortChoice {
    private static final Set<Integer> DEBUG_PORTS = Set.of(9229, 9222, 5858);
    private static final int FIRST_EPHEMERAL_PORT = 49_152;

    private PortChoice() {}

    public static int choose(Collection<Integer> ports) {
        if (ports.isEmpty()) throw new IllegalArgumentException("a service needs at least one port");
        return ports.stream()
                .filter(port -> !DEBUG_PORTS.contains(port) && port < FIRST_EPHEMERAL_PORT)
                .min(Integer::compare)
                .orElseGet(() -> ports.stream().min(Integer::compare).orElseThrow());
    }
}
