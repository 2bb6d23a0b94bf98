package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: "without a single failed request" under browser-like load. 200 distinct tunnels (one socket each, CONNECT,
 * TLS verified for the name) are all open at the same time, then each carries 5 keep-alive requests.
 */
class ConcurrentTunnelsEndToEndTest {
    private static final int TUNNELS = 200;
    private static final int REQUESTS_PER_TUNNEL = 5;
    private static final int THREADS = 50;

    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess app;

    @BeforeAll
    static void start() throws IOException {
        daemon = RunningDaemon.withCa(directory);
        app = BackendProcess.start(BackendProcess.uniqueName("app"));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (daemon != null) daemon.close();
    }

    private record Tunnel(RawConnection connection, SSLSocket tls) {}

    @Test
    void twoHundredConcurrentTunnelsWithFiveRequestsEachAllSucceed() throws Exception {
        SSLContext trusting = daemon.trustingTheCa();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<Tunnel> tunnels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // all 200 open before the first request: the daemon holds 200 live tunnels at once
            List<Future<Tunnel>> opening = new ArrayList<>();
            for (int t = 0; t < TUNNELS; t++) opening.add(pool.submit(() -> open(trusting)));
            for (Future<Tunnel> tunnel : opening) {
                try {
                    tunnels.add(tunnel.get(60, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failures.add("opening a tunnel: " + e.getCause());
                }
            }

            List<Callable<Integer>> exchanges = new ArrayList<>();
            for (int t = 0; t < tunnels.size(); t++) {
                Tunnel tunnel = tunnels.get(t);
                int id = t;
                exchanges.add(() -> requests(tunnel, id, failures));
            }
            int succeeded = 0;
            for (Future<Integer> done : pool.invokeAll(exchanges, 60, TimeUnit.SECONDS)) {
                if (done.isCancelled()) failures.add("a tunnel's requests did not finish within 60 s");
                else succeeded += done.get();
            }

            assertThat(failures).isEmpty();
            assertThat(tunnels).hasSize(TUNNELS);
            assertThat(succeeded).isEqualTo(TUNNELS * REQUESTS_PER_TUNNEL);
        } finally {
            pool.shutdownNow();
            for (Tunnel tunnel : tunnels) {
                tunnel.tls().close();
                tunnel.connection().close();
            }
        }
    }

    private static Tunnel open(SSLContext trusting) throws IOException {
        RawConnection connection = Tunnels.open(daemon.port(), app.name() + ":443");
        try {
            return new Tunnel(connection, Tls.handshake(connection.socket(), trusting, app.name(), true, Optional.empty()));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static int requests(Tunnel tunnel, int id, Queue<String> failures) {
        int succeeded = 0;
        for (int r = 0; r < REQUESTS_PER_TUNNEL; r++) {
            String path = "/t" + id + "/r" + r;
            try {
                Http1.Response response = Http1.get(tunnel.tls().getInputStream(), tunnel.tls().getOutputStream(), app.name(), path);
                if (response.status() == 200 && response.text().equals("hello from " + app.name())) succeeded++;
                else failures.add(path + ": " + response.status() + " " + response.text());
            } catch (IOException | RuntimeException e) {
                failures.add(path + ": " + e);
                return succeeded; // this tunnel is broken; its other requests cannot run
            }
        }
        return succeeded;
    }
}
