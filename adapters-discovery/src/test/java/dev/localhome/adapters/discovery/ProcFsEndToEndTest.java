package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real process started with {@code NAME=probe-…} in a directory of its own, found by the discovery this platform
 * uses with its command line, working directory and start time.
 */
@EnabledOnOs(OS.LINUX)
class ProcFsEndToEndTest {
    /** Compiling the single-file program takes a second or two on a slow CI machine. */
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration DISCOVERY = Duration.ofSeconds(10);

    private Process child;
    @TempDir Path workingDirectory;

    @AfterEach
    void stopTheChild() throws InterruptedException {
        if (child == null) return;
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) child.destroyForcibly();
    }

    @ParameterizedTest(name = "a server bound to {0} is found at {1}")
    @CsvSource({"127.0.0.1, 127.0.0.1", "0.0.0.0, 127.0.0.1", "::1, ::1", "::, 127.0.0.1"})
    void aProcessStartedWithNameIsFoundOnItsPort(String bindAddress, String expectedAddress) throws Exception {
        assumeTrue(canBind(bindAddress), "this machine cannot listen on " + bindAddress);
        ServiceName name = new ServiceName("probe-" + UUID.randomUUID().toString().substring(0, 8));

        Instant before = Instant.now();
        int port = startListener(bindAddress, name);

        Listener found = awaitListener(name);
        assertThat(found.endpoint()).isEqualTo(new Endpoint(expectedAddress, port));
        assertThat(found.process()).hasValueSatisfying(process -> {
            assertThat(process.pid()).isEqualTo(child.pid());
            assertThat(process.command()).contains("NamedListener.java");
            assertThat(process.workingDirectory()).isEqualTo(workingDirectory.toString());
            // boot time has whole seconds and start time 10 ms ticks: allow for both
            assertThat(process.startedAt()).hasValueSatisfying(started -> assertThat(started)
                    .isBetween(before.minusSeconds(2), Instant.now().plusSeconds(1)));
        });
    }

    private int startListener(String bindAddress, ServiceName name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                program().toString(), bindAddress)
                .directory(workingDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NAME", name.value());
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> readLine(out)).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        assertThat(ready).as("the child's first line").startsWith("READY ");
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    /** The child listens before it says READY, so the first scan finds it; the deadline only guards a slow box. */
    private static Listener awaitListener(ServiceName name) {
        AtomicReference<List<Listener>> last = new AtomicReference<>(List.of());
        return Await.value(DISCOVERY, () -> {
            last.set(Discoveries.forThisPlatform().scan());
            return last.get().stream().filter(l -> l.name().equals(name)).findFirst();
        }, () -> name + " not found among " + last.get());
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path program() throws URISyntaxException {
        return Path.of(ProcFsEndToEndTest.class.getResource("/NamedListener.java").toURI());
    }

    private static boolean canBind(String address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
