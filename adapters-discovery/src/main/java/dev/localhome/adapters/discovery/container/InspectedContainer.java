package dev.localhome.adapters.discovery.container;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What localhome reads of one container's {@code GET /containers/{id}/json}: only what naming and routing need, and
 * of its environment only {@code NAME} (the rest holds people's secrets and is never kept).
 *
 * @param name           the container's name, without the engine's leading {@code /}
 * @param nameVariable   the value of {@code NAME} in its environment, if it has one
 * @param composeService the {@code com.docker.compose.service} label, if any
 * @param composeProject the {@code com.docker.compose.project} label, if any
 * @param hostNetwork    whether it shares the host's network ({@code --network host}): its sockets are the host's
 * @param published      its ports published on the host, TCP only
 * @param exposed        the TCP ports it exposes (the image's {@code EXPOSE}, {@code --expose}, published ones too)
 * @param networks       its address on each network it is attached to
 */
record InspectedContainer(String id, String name, String image, boolean running, long pid, String command,
                          String workingDirectory, Optional<Instant> startedAt, Optional<String> nameVariable,
                          Optional<String> composeService, Optional<String> composeProject, boolean hostNetwork,
                          List<Published> published, List<Integer> exposed, List<Attachment> networks) {
    InspectedContainer {
        published = List.copyOf(published);
        exposed = List.copyOf(exposed);
        networks = List.copyOf(networks);
    }

    /** A container port published at {@code hostIp:hostPort} ({@code -p 127.0.0.1::8080}). */
    record Published(int containerPort, String hostIp, int hostPort) {}

    /** The container's address on one network, with that network's gateway and prefix length. */
    record Attachment(String network, String address, String gateway, int prefixLength) {}
}
