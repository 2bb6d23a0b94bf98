package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.testing.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * One {@code /proc} discovery kept across changes, as the daemon keeps it: it remembers who holds each listening
 * socket and walks the processes again only for sockets it has not seen, so what changes after a quiet spell (a
 * server that starts, stops, or hands its socket to a child) must still be seen. Real processes with {@code NAME}.
 */
@EnabledOnOs(OS.LINUX)
class ProcFsChangesEndToEndTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration DISCOVERY = Duration.ofSeconds(10);

    private final ServiceDiscovery discovery = Discoveries.procFs(Path.of("/proc"));
    private final ServiceName name = new ServiceName("probe-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        for (ProcessHandle process : started) {
            process.destroy();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aServerStartedAfterAQuietSpellIsFound() throws Exception {
        for (int i = 0; i < 3; i++) discovery.scan(); // nothing of ours changes: the sockets seen are remembered

        Process server = startJavaListener();
        int port = readyPort(stdout(server));

        assertThat(awaitListener(server.pid()).endpoint().port()).isEqualTo(port);
    }

    @Test
    void aServerThatStopsIsSeenAsStopped() throws Exception {
        Process server = startJavaListener();
        readyPort(stdout(server));
        awaitListener(server.pid());

        server.destroy();
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("the server exited").isTrue();

        AtomicReference<List<Listener>> last = new AtomicReference<>();
        Await.until(DISCOVERY, () -> {
            last.set(discovery.scan());
            return last.get().stream().noneMatch(l -> l.name().equals(name));
        }, () -> name + " still found after its process exited: " + last.get());
    }

    @Test
    void aSocketHandedToAChildIsFoundThereOnceTheParentExits() throws Exception {
        Path node = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .map(directory -> Path.of(directory, "node")).filter(Files::isExecutable).findFirst()
                .orElse(null);
        if (node == null && System.getenv("CI") != null) fail("node is needed for this test, and CI is set");
        assumeTrue(node != null, "no node on the PATH");
        Process parent = start(node.toString(), program("/HandOverListener.js").toString());
        BufferedReader out = stdout(parent);
        int port = readyPort(out);
        assertThat(awaitListener(parent.pid()).endpoint().port()).isEqualTo(port);

        parent.getOutputStream().write('\n');
        parent.getOutputStream().flush();
        String handed = line(out);
        assertThat(handed).as("the parent's second line").startsWith("HANDED ");
        long childPid = Long.parseLong(handed.substring("HANDED ".length()).trim());
        ProcessHandle.of(childPid).ifPresent(started::add);
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).as("the parent exited").isTrue();

        assertThat(awaitListener(childPid).endpoint().port()).isEqualTo(port);
    }

    private Process startJavaListener() throws Exception {
        return start(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                program("/NamedListener.java").toString(), "127.0.0.1");
    }

    private Process start(String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NAME", name.value());
        Process process = builder.start();
        started.add(process.toHandle());
        return process;
    }

    private static BufferedReader stdout(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static int readyPort(BufferedReader out) throws Exception {
        String ready = line(out);
        assertThat(ready).as("the child's first line").startsWith("READY ");
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    private static String line(BufferedReader out) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
    }

    /** The listener of {@code name} that process {@code pid} holds, once a scan finds it. */
    private Listener awaitListener(long pid) {
        AtomicReference<List<Listener>> last = new AtomicReference<>(List.of());
        return Await.value(DISCOVERY, () -> {
            last.set(discovery.scan());
            return last.get().stream()
                    .filter(l -> l.name().equals(name) && l.process().map(p -> p.pid() == pid).orElse(false))
                    .findFirst();
        }, () -> name + " of pid " + pid + " not found among " + last.get());
    }

    private static Path program(String resource) throws URISyntaxException {
        return Path.of(ProcFsChangesEndToEndTest.class.getResource(resource).toURI());
    }
}
