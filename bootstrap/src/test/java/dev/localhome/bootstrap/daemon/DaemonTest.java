package dev.localhome.bootstrap.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    @TempDir
    Path home;

    private Environment machineWithoutCa() {
        return Environment.of(Map.of("HOME", home.toString()), home, home);
    }

    @Test
    void onPortZeroTheDaemonListensOnAFreePortUntilClosed() throws IOException {
        int port;
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), machineWithoutCa())) {
            port = daemon.port();
            assertThat(port).isPositive();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(client.isConnected()).isTrue();
            }
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void aPortInUseFailsWithASentenceThatSaysSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Config config = Config.defaults().withPort(taken.getLocalPort());

            assertThatThrownBy(() -> Daemon.start(config, machineWithoutCa()).close())
                    .isInstanceOf(DaemonStartException.class)
                    .hasMessage("cannot listen on 127.0.0.1:%d: the port is already in use (another localhome?) — "
                            + "stop what holds it, or choose another port with --port or PORT", taken.getLocalPort());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Daemon daemon = Daemon.start(Config.defaults().withPort(0), machineWithoutCa());
        daemon.close();
        daemon.close();
    }
}
