package dev.localhome.plugins.npmnames;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the listening processes that have no {@code NAME}: after {@code npm_package_name} (set by {@code npm run},
 * {@code bun run}, {@code pnpm run}), else after their working directory. Linux only, from {@code /proc}: listening
 * inodes, then the {@code fd} links that own them, then each owner's {@code environ} and {@code cwd}. Processes with
 * {@code NAME} are left to localhome's own discovery; this process (the daemon) is never named.
 *
 * <p>Environments hold people's secrets: only the two variables above are looked at, and nothing of them is logged.
 */
final class NpmNamesDiscovery implements ServiceDiscovery {
    private static final Logger log = LoggerFactory.getLogger(NpmNamesDiscovery.class);

    private final Path proc;
    private final NpmNamesSettings settings;
    private final long ownPid;

    NpmNamesDiscovery(Path proc, NpmNamesSettings settings, long ownPid) {
        this.proc = proc;
        this.settings = settings;
        this.ownPid = ownPid;
        log.info("npm-names plugin: {}", !settings.enabled() ? "off (turn it on with \"plugins\": {\"npm-names\": "
                + "{\"enabled\": true}} in the config file)"
                : "on" + (settings.fromDirectory() ? ", directory names under " + settings.directoriesUnder() : ""));
    }

    @Override
    public String sourceName() {
        return NpmNamesPlugin.NAME;
    }

    @Override
    public List<Listener> scan() throws IOException {
        if (!settings.enabled()) return List.of();
        Map<Long, Endpoint> sockets = ListeningSockets.byInode(proc);
        if (sockets.isEmpty()) return List.of();
        List<Listener> listeners = new ArrayList<>();
        for (Map.Entry<Long, List<Endpoint>> owner : owners(sockets).entrySet()) {
            Path process = proc.resolve(Long.toString(owner.getKey()));
            Optional<ServiceName> name = name(process);
            if (name.isEmpty()) continue;
            ProcessInfo info = new ProcessInfo(owner.getKey(), commandLine(process));
            for (Endpoint endpoint : owner.getValue()) listeners.add(new Listener(name.get(), endpoint, Optional.of(info)));
        }
        log.debug("npm-names scan: {} listener(s) named", listeners.size());
        return listeners;
    }

    /** pid → the endpoints of the listening sockets it holds, found through its {@code fd} links. */
    private Map<Long, List<Endpoint>> owners(Map<Long, Endpoint> sockets) throws IOException {
        Map<Long, List<Endpoint>> owners = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry -> isPid(entry.getFileName()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == ownPid) continue;
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        Endpoint endpoint = sockets.get(socketInode(fd));
                        if (endpoint != null) owners.computeIfAbsent(pid, p -> new ArrayList<>()).add(endpoint);
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or someone else's: not ours to name
                }
            }
        }
        return owners;
    }

    private Optional<ServiceName> name(Path process) {
        PackageNames.Found found;
        try {
            found = PackageNames.inEnvironment(Files.readAllBytes(process.resolve("environ")));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (found.hasName()) return Optional.empty(); // NAME wins, and localhome's own discovery has it
        Optional<ServiceName> fromPackage = found.packageName().flatMap(PackageNames::serviceName);
        if (fromPackage.isPresent() || !settings.fromDirectory()) return fromPackage;
        return workingDirectory(process).filter(cwd -> cwd.startsWith(settings.directoriesUnder())
                        && !cwd.equals(settings.directoriesUnder()))
                .flatMap(cwd -> PackageNames.serviceName(cwd.getFileName().toString()));
    }

    private static Optional<Path> workingDirectory(Path process) {
        try {
            return Optional.of(Files.readSymbolicLink(process.resolve("cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The inode of a {@code socket:[12345]} link, or -1. */
    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (!target.startsWith("socket:[") || !target.endsWith("]")) return -1;
            return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static boolean isPid(Path name) {
        String text = name.toString();
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
