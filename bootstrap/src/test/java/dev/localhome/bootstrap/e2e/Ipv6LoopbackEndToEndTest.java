package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browsers and Node resolve {@code *.localhost} to {@code ::1} as well as {@code 127.0.0.1}, and try {@code ::1}
 * first: with the default bind, the daemon answers there too, on the same port, the same way. Skipped on a machine
 * without IPv6 loopback (the daemon then listens on IPv4 alone, which {@code DaemonTest} covers).
 */
class Ipv6LoopbackEndToEndTest {
    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess app;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Curl.installed(), "needs curl");
        assumeTrue(ipv6LoopbackWorks(), "needs IPv6 loopback (::1)");
        daemon = RunningDaemon.withCa(directory);
        app = BackendProcess.start(BackendProcess.uniqueName("six"));
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
        }
    }

    @Test
    void aServiceByHostIsReachedOnIpv6Loopback() throws IOException {
        Curl.Result result = Curl.run("-g", "-H", "Host: " + app.name() + ".localhost:" + daemon.port(),
                "http://[::1]:" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("hello from " + app.name());
    }

    @Test
    void theDashboardAnswersOnIpv6LoopbackAsItself() throws IOException {
        Curl.Result result = Curl.run("-g", "--write-out", "\n%{http_code}", "http://[::1]:" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).endsWith("\n200").contains("<title>localhome");
    }

    @Test
    void anAbsoluteFormTargetAtTheDaemonsIpv6AddressIsTheDashboardAndAServiceIsReachedThroughIt() throws IOException {
        Curl.Result dashboard = Curl.run("-g", "--proxy", "http://[::1]:" + daemon.port(), "--write-out", "\n%{http_code}",
                "http://[::1]:" + daemon.port() + "/");
        Curl.Result service = Curl.run("-g", "--proxytunnel", "--proxy", "http://[::1]:" + daemon.port(),
                "http://" + app.name() + "/");

        assertThat(dashboard.stdout()).as("stderr: %s", dashboard.stderr()).endsWith("\n200").contains("<title>localhome");
        assertThat(service.stdout()).as("stderr: %s", service.stderr()).isEqualTo("hello from " + app.name());
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket()) {
            InetAddress loopback = InetAddress.getByName("::1");
            probe.bind(new InetSocketAddress(loopback, 0));
            return loopback instanceof Inet6Address;
        } catch (IOException e) {
            return false;
        }
    }
}
