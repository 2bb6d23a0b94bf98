package dev.localhome.adapters.discovery;

import dev.localhome.adapters.discovery.LsofListenTable.LsofListener;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * macOS discovery: {@code lsof} lists the listening sockets and their pids, {@code ps -E} gives each pid's
 * environment. Three child processes per scan whatever the number of listeners: ps is asked about all pids at once.
 */
final class LsofServiceDiscovery implements ServiceDiscovery {
    private static final Logger log = LoggerFactory.getLogger(LsofServiceDiscovery.class);
    /** lsof exits with 1 when it found nothing to list. */
    private static final int NOTHING_FOUND = 1;

    private final CommandRunner tools;

    LsofServiceDiscovery(CommandRunner tools) {
        this.tools = tools;
    }

    @Override
    public String sourceName() {
        return "lsof";
    }

    @Override
    public List<Listener> scan() throws IOException {
        List<LsofListener> sockets =
                LsofListenTable.parse(tools.run(List.of("lsof", "-nP", "-iTCP", "-sTCP:LISTEN"), NOTHING_FOUND));
        if (sockets.isEmpty()) return List.of();

        String pids = sockets.stream().map(s -> Long.toString(s.pid())).distinct().collect(Collectors.joining(","));
        // ps exits with 1 when one of the pids has exited since lsof ran; the others are still listed.
        Map<Long, String> commands = PsEnvironmentLines.byPid(
                tools.run(List.of("ps", "-ww", "-p", pids, "-o", "pid=,command="), 1));
        Map<Long, String> environments = PsEnvironmentLines.byPid(
                tools.run(List.of("ps", "-Eww", "-p", pids, "-o", "pid=,command="), 1));

        Set<Listener> listeners = new LinkedHashSet<>(); // a server on both *:3000 (v4) and *:3000 (v6) is one
        for (LsofListener socket : sockets) {
            String command = commands.getOrDefault(socket.pid(), "");
            Optional<ServiceName> name = Optional.ofNullable(environments.get(socket.pid()))
                    .flatMap(line -> PsEnvironmentLines.name(line, command))
                    .flatMap(ServiceName::parse);
            name.ifPresent(n -> listeners.add(new Listener(n, socket.endpoint(),
                    Optional.of(new ProcessInfo(socket.pid(), Commands.shorten(command))))));
        }
        log.debug("lsof scan: {} loopback listening sockets, {} named listeners", sockets.size(), listeners.size());
        return new ArrayList<>(listeners);
    }
}
