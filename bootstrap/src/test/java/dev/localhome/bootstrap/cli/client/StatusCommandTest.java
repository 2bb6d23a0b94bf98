package dev.localhome.bootstrap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.FakeDaemonApi;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.wiring.FixedListenerPlugin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    @TempDir
    Path home;

    private CommandLineRun cli;

    @BeforeEach
    void setUp() {
        cli = new CommandLineRun(home);
    }

    @Test
    void withNoDaemonOnThePortStatusSaysHowToStartOneAndExitsThree() throws IOException {
        int closed = closedPort();

        assertThat(cli.localhome("status", "--port", String.valueOf(closed))).isEqualTo(3);

        assertThat(cli.err()).isEqualTo("localhome: localhome is not running on port %d (start it with ./localhome "
                .formatted(closed) + "or localhome install)" + System.lineSeparator());
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void statusPrintsTheDaemonsFactsAlignedAndItsServicesAsATable() throws IOException {
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("status", "--port", String.valueOf(daemon.port()))).isZero();

            int port = daemon.port();
            String[] parts = cli.out().split("\n\n");
            assertThat(parts[0] + "\n").isEqualTo("""
                    localhome 1.2.3 is running, up 1h 02m (since 2026-01-02T03:04:05Z)
                      address     127.0.0.1:%1$d
                      name        home (dashboard: http://localhost:%1$d/)
                      transport   epoll
                      HTTPS       on: mkcert CA /home/me/.local/share/mkcert/rootCA.pem
                      CA SHA-256  AB:CD
                      plugins     dev.localhome.plugins.npmnames.NpmNamesPlugin
                    """.formatted(port));
            List<String> table = parts[1].lines().toList();
            assertThat(table).hasSize(4);
            assertThat(table.get(0)).matches("NAME +STATE +PORT +PID +URL +COMMAND");
            assertThat(table.get(1)).matches("app +running +5173 +4242 +http://app\\.localhost:%d/ +node /srv/app/node_modules/\\.bin/vite"
                    .formatted(port));
            assertThat(table.get(2)).matches("api\\.shop +running +8080 +- +http://api\\.shop\\.localhost:%d/ +-".formatted(port));
            // a stopped service: how long ago it was last seen (from a fixed date: at least days), and what ran it
            assertThat(table.get(3)).matches("old +stopped \\d+d \\d+h \\d\\dm ago +3000 +77 +http://old\\.localhost:9090/ +python3 -m http\\.server");
            for (String column : List.of("STATE", "PORT", "PID", "URL", "COMMAND")) {
                int at = table.get(0).indexOf(column);
                assertThat(table).allSatisfy(line -> assertThat(line.charAt(at - 1)).isEqualTo(' '))
                        .allSatisfy(line -> assertThat(line.charAt(at)).isNotEqualTo(' '));
            }
        }
    }

    @Test
    void statusAsJsonPrintsTheDaemonsAnswerAsReceived() throws IOException {
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("status", "--json", "--port", String.valueOf(daemon.port()))).isZero();

            int port = daemon.port();
            assertThat(cli.out()).isEqualTo(FakeDaemonApi.STATUS.formatted(port, port, port) + "\n");
        }
    }

    @Test
    void statusAsksARealDaemonAndShowsThePluginsService() {
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), cli.environment())) {
            assertThat(cli.localhome("status", "--port", String.valueOf(daemon.port()))).isZero();

            // with /api/status: the full report; before it existed, the daemon's /api/services (and a note on stderr)
            assertThat(cli.out()).contains("localhome", "running", String.valueOf(daemon.port()))
                    .containsPattern("(?m)^" + FixedListenerPlugin.NAME.value() + " +running +" + FixedListenerPlugin.PORT + " ");
            if (cli.err().contains("no /api/status")) return;
            assertThat(cli.out()).contains(FixedListenerPlugin.class.getName());
        }
    }

    @Test
    void statusAsJsonFromARealDaemonIsJsonNamingItsServices() {
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), cli.environment())) {
            assertThat(cli.localhome("status", "--json", "--port", String.valueOf(daemon.port()))).isZero();

            assertThat(StatusCommand.parse(cli.out(), "test").path("services").findValuesAsText("name"))
                    .contains(FixedListenerPlugin.NAME.value());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again when this returns: nothing listens there
        }
    }
}
