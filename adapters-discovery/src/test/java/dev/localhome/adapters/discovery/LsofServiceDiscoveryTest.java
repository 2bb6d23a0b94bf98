package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LsofServiceDiscoveryTest {

    private static List<Listener> scan(String lsof) throws IOException {
        return new LsofServiceDiscovery(Fixtures.macTools(lsof, Fixtures.text("ps-commands.txt"),
                Fixtures.text("ps-environments.txt"))).scan();
    }

    @Test
    void findsTheNamedProcessesThatListenOnLoopback() throws IOException {
        String vite = "node /Users/ann/web/node_modules/.bin/vite --port 3000";

        assertThat(scan(Fixtures.text("lsof-listen.txt"))).containsExactly(
                new Listener(new ServiceName("web"), Endpoint.loopback(3000), Optional.of(new ProcessInfo(41235, vite))),
                new Listener(new ServiceName("web"), new Endpoint("::1", 3000),
                        Optional.of(new ProcessInfo(41235, vite))),
                Listener.of(new ServiceName("docs"), 8000, new ProcessInfo(41300, "/usr/bin/python3 -m http.server 8000")),
                Listener.of(new ServiceName("api"), 8080,
                        new ProcessInfo(41500, "java -jar build/libs/api.jar NAME=not-this-one")));
    }

    @Test
    void nothingListeningRunsNoPs() throws IOException {
        CommandRunner lsofOnly = (command, codes) -> {
            if (!command.get(0).equals("lsof")) throw new AssertionError("ran " + command);
            return "";
        };

        assertThat(new LsofServiceDiscovery(lsofOnly).scan()).isEmpty();
    }

    @Test
    void aFailingLsofFailsTheScan() {
        CommandRunner broken = (command, codes) -> {
            throw new IOException("lsof exited with 2");
        };

        assertThatThrownBy(() -> new LsofServiceDiscovery(broken).scan()).isInstanceOf(IOException.class);
    }
}
