package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a single failed request under browser-like load. 200 distinct tunnels (one socket each, CONNECT,
 * TLS verified for the name) are all open at the same time, then each carries 5 keep-alive requests.
 */
class ConcurrentTunnelsEndToEndTest {
    private static final int TUNNELS = 200;
    private static final int REQUESTS_PER_TUNNEL = 5;
    private static final int THREADS = 50;

    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withCa();

    private record Tunnel(RawConnection connection, SSLSocket tls) {}

    @Test
    void twoHundredConcurrentTunnelsWithFiveRequestsEachAllSucceed(RunningDaemon daemon) throws Exception {
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
        RawConnection connection = Tunnels.open(started.daemon().port(), started.app().name() + ":443");
        try {
            return new Tunnel(connection, Tls.handshake(connection.socket(), trusting, started.app().name(), true, Optional.empty()));
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
                Http1.Response response = Http1.get(tunnel.tls().getInputStream(), tunnel.tls().getOutputStream(), started.app().name(), path);
                if (response.status() == 200 && response.text().equals("hello from " + started.app().name())) succeeded++;
                else failures.add(path + ": " + response.status() + " " + response.text());
            } catch (IOException | RuntimeException e) {
                failures.add(path + ": " + e);
                return succeeded; // this tunnel is broken; its other requests cannot run
            }
        }
        return succeeded;
    }
}
