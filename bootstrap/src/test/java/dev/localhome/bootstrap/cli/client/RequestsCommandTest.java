package dev.localhome.bootstrap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.FakeDaemonApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsCommandTest {
    @TempDir
    Path home;

    private CommandLineRun cli;

    @BeforeEach
    void setUp() {
        cli = new CommandLineRun(home);
    }

    @Test
    void withNoDaemonOnThePortRequestsExitsThree() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThat(cli.localhome("requests", "--port", String.valueOf(closed))).isEqualTo(3);
        assertThat(cli.err()).contains("localhome is not running on port " + closed);
    }

    @Test
    void requestsPrintsATableWithWhatEachExchangeDid() throws IOException {
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("requests", "app", "--port", String.valueOf(daemon.port()))).isZero();

            List<String> lines = cli.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).matches("TIME +SERVICE +STATUS +METHOD +MS +BYTES +PROTOCOL +ARRIVAL +BY +TARGET");
            assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:05\\.123 +app +200 +GET +3\\.5 +123 +h1 +host +backend +/x\\?y=1");
            assertThat(lines.get(2)).matches("\\d\\d:\\d\\d:06\\.000 +app +101 +GET +900\\.0 +50 +ws 2/3 1000 +tls +backend +/ws");
        }
    }

    @Test
    void requestsJsonPrintsOneExchangePerLine() throws IOException {
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("requests", "--json", "--port", String.valueOf(daemon.port()))).isZero();

            assertThat(cli.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"id\":4"));
        }
    }

    @Test
    void aCountOutOfRangeIsRefusedBeforeAsking() {
        assertThat(cli.localhome("requests", "-n", "0", "--port", "1")).isEqualTo(2);
        assertThat(cli.err()).contains("-n must be from 1 to 1000");
    }
}
