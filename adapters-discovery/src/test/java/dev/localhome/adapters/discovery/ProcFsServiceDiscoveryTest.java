package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsServiceDiscoveryTest {
    private static final String LISTEN = "0A";
    private static final String ESTABLISHED = "01";

    @TempDir Path root;
    private ProcFixture proc;

    @BeforeEach
    void fixture() {
        proc = new ProcFixture(root);
    }

    private List<Listener> scan() throws IOException {
        ServiceDiscovery discovery = new ProcFsServiceDiscovery(root, ByteOrder.LITTLE_ENDIAN);
        return discovery.scan();
    }

    private static Listener listener(String name, String address, int port, long pid, String command) {
        return new Listener(new ServiceName(name), new Endpoint(address, port),
                Optional.of(new ProcessInfo(pid, command)));
    }

    @Test
    void findsANamedProcessListeningOnLoopbackWithItsCommandLine() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables()
                .process(42, "HOME=/home/ann|NAME=web|", "node|server.js|--port|8080|", 111);

        assertThat(scan()).containsExactly(listener("web", "127.0.0.1", 8080, 42, "node server.js --port 8080"));
    }

    @Test
    void reportsEverySocketOfAProcessWithSeveralFds() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111)
                .tcp("00000000:0BB8", LISTEN, 112)
                .tcp("0100007F:D431", ESTABLISHED, 113)
                .tcp6("00000000000000000000000001000000:0BB9", LISTEN, 114)
                .tables()
                .process(42, "NAME=web|", "vite|", 111, 112, 113, 114);

        assertThat(scan()).containsExactlyInAnyOrder(
                listener("web", "127.0.0.1", 8080, 42, "vite"),
                listener("web", "127.0.0.1", 3000, 42, "vite"),
                listener("web", "::1", 3001, 42, "vite"));
    }

    @Test
    void aServerOnBothIpv4AndIpv6AnyIsOneListener() throws IOException {
        proc.tcp("00000000:0BB8", LISTEN, 111)
                .tcp6("00000000000000000000000000000000:0BB8", LISTEN, 112)
                .tables()
                .process(42, "NAME=web|", "vite|", 111, 112);

        assertThat(scan()).containsExactly(listener("web", "127.0.0.1", 3000, 42, "vite"));
    }

    @Test
    void aListenerThatPassedToAnotherProcessIsFoundThereAtTheNextScan() throws IOException {
        ServiceDiscovery discovery = new ProcFsServiceDiscovery(root, ByteOrder.LITTLE_ENDIAN);
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "NAME=web|", "npm|start|", 111);
        assertThat(discovery.scan()).containsExactly(listener("web", "127.0.0.1", 8080, 42, "npm start"));

        // the same socket, the same tables: only the owner changed (a parent that forked a server and exited)
        proc.exit(42).process(43, "NAME=web|", "node|server.js|", 111);
        assertThat(discovery.scan()).containsExactly(listener("web", "127.0.0.1", 8080, 43, "node server.js"));
    }

    @Test
    void aNewListenerIsFoundAtTheNextScanBesideTheOnesAlreadyKnown() throws IOException {
        ServiceDiscovery discovery = new ProcFsServiceDiscovery(root, ByteOrder.LITTLE_ENDIAN);
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "NAME=web|", "vite|", 111);
        assertThat(discovery.scan()).hasSize(1);

        proc.tcp("0100007F:0BB8", LISTEN, 112).tables().process(44, "NAME=api|", "node|", 112);
        assertThat(discovery.scan()).containsExactlyInAnyOrder(
                listener("web", "127.0.0.1", 8080, 42, "vite"), listener("api", "127.0.0.1", 3000, 44, "node"));
    }

    @Test
    void aSocketSharedAfterForkIsReportedForEachProcess() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables()
                .process(42, "NAME=api|", "gunicorn|master|", 111)
                .process(43, "NAME=api|", "gunicorn|worker|", 111);

        assertThat(scan()).extracting(l -> l.process().orElseThrow().pid()).containsExactlyInAnyOrder(42L, 43L);
    }

    @Test
    void aProcessThatVanishedMidScanIsSkipped() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tcp("0100007F:1F91", LISTEN, 222).tables()
                .process(42, "NAME=web|", "vite|", 111);
        Files.createDirectories(root.resolve("43")); // listed in /proc, but its fd directory is already gone

        assertThat(scan()).extracting(Listener::name).containsExactly(new ServiceName("web"));
    }

    @Test
    void aProcessThatExitsBeforeItsEnvironmentIsReadIsSkipped() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "NAME=web|", "vite|", 111);
        Files.delete(root.resolve("42").resolve("environ"));

        assertThat(scan()).isEmpty();
    }

    @Test
    void aProcessWhoseEnvironmentIsUnreadableIsSkipped() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tcp("0100007F:1F91", LISTEN, 222).tables()
                .process(42, "NAME=web|", "vite|", 111)
                .process(43, "NAME=secret|", "sshd|", 222);
        // Tests may run as root, who reads a mode-000 file; a directory fails to read as a file for everyone.
        Path environ = root.resolve("43").resolve("environ");
        Files.delete(environ);
        Files.createDirectory(environ);

        assertThat(scan()).extracting(Listener::name).containsExactly(new ServiceName("web"));
    }

    @Test
    void aNameThatIsNotAValidServiceNameIsSkipped() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tcp("0100007F:1F91", LISTEN, 222).tcp("0100007F:1F92", LISTEN, 333)
                .tables()
                .process(42, "NAME=my web app|", "a|", 111)
                .process(43, "NAME=|", "b|", 222)
                .process(44, "NAME=Shop.API|", "c|", 333);

        assertThat(scan()).extracting(Listener::name).containsExactly(new ServiceName("shop.api"));
    }

    @Test
    void aProcessWithoutNameIsSkipped() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "HOME=/root|", "postgres|", 111);

        assertThat(scan()).isEmpty();
    }

    @Test
    void aLongCommandLineIsShortened() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "NAME=web|", "java|" + "-Dx=y|".repeat(Commands.MAX_LENGTH / 5), 111);

        assertThat(scan().get(0).process().orElseThrow().command()).hasSize(Commands.MAX_LENGTH).startsWith("java -Dx=y");
    }

    @Test
    void aProcessWithAnUnreadableCommandLineIsStillFound() throws IOException {
        proc.tcp("0100007F:1F90", LISTEN, 111).tables().process(42, "NAME=web|", "", 111);
        Files.delete(root.resolve("42").resolve("cmdline"));

        assertThat(scan()).containsExactly(listener("web", "127.0.0.1", 8080, 42, ""));
    }

    @Test
    void missingTablesMeanNothingListens() throws IOException {
        proc.process(42, "NAME=web|", "vite|", 111);

        assertThat(scan()).isEmpty();
    }
}
