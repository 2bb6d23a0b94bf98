package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dev server that someone kills by its pid: requests for its name, by every way a browser asks, get the
 * {@code 503} page that says it stopped, when, and what ran it; {@code localhome forget} then makes the name unknown.
 */
class StoppedServiceEndToEndTest {
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(15);
    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static HttpClient browser;
    private static final HttpClient direct = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        daemon = RunningDaemon.withCa(directory);
        browser = daemon.browser();
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @Test
    void aKilledServiceIsA503PageByEveryWayUntilForgottenThenItsNameIsUnknown() throws Exception {
        String name = BackendProcess.uniqueName("gone");
        try (BackendProcess backend = BackendProcess.start(name)) {
            assertThat(byHost(name).statusCode()).isEqualTo(200);
            backend.killByPid();
        }

        HttpResponse<String> page = pollUntil503(name);
        assertThat(page.body()).contains("The service <b>" + name + "</b> stopped")
                .contains("last seen").contains("bin/java -XX:+UseSerialGC") // the command, cut to the page's length
                .contains("<code>" + Path.of("").toAbsolutePath() + "</code>")
                .contains("localhome forget " + name);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));

        // PAC forward proxy (http://name/), intercepted TLS (CONNECT name:443), and a plain CONNECT name:80 tunnel
        HttpResponse<String> pac = browser.send(HttpRequest.newBuilder(URI.create("http://" + name + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pac.statusCode()).isEqualTo(503);
        assertThat(pac.body()).contains("The service <b>" + name + "</b> stopped");
        HttpResponse<String> tls = browser.send(HttpRequest.newBuilder(URI.create("https://" + name + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tls.statusCode()).isEqualTo(503);
        assertThat(tls.body()).contains("The service <b>" + name + "</b> stopped").contains("bin/java");
        try (RawConnection tunnel = daemon.raw()) {
            assertThat(tunnel.send("CONNECT %1$s:80 HTTP/1.1\r\nHost: %1$s:80\r\n\r\n".formatted(name)).readHead())
                    .startsWith("HTTP/1.1 200");
            assertThat(tunnel.send("GET /x HTTP/1.1\r\nHost: %s\r\n\r\n".formatted(name)).readHead())
                    .startsWith("HTTP/1.1 503");
        }

        String services = direct.send(HttpRequest.newBuilder(daemon.direct("/api/services")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(services).contains("\"name\":\"" + name + "\",\"state\":\"stopped\",\"lastSeen\":\"");

        // the inspector counts them under the service's name, as localhome's own answers: the dashboard's errors
        String recorded = direct.send(HttpRequest.newBuilder(daemon.direct("/api/requests?service=" + name)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(recorded).contains("\"answeredBy\":\"localhome\",\"status\":503");

        CliRun forget = localhome("forget", name, "--port", String.valueOf(daemon.port()));
        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(forget.out()).isEqualTo("forgot '" + name + "'" + System.lineSeparator());

        HttpResponse<String> unknown = byHost(name);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No service named <b>" + name + "</b> is running");

        CliRun again = localhome("forget", name, "--port", String.valueOf(daemon.port()));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("localhome: no stopped service is named '" + name
                + "' (localhome status lists what runs and what stopped)" + System.lineSeparator());
    }

    @Test
    void forgetWithoutADaemonOrWithoutANameSaysSoWithTheUsualExitCodes() throws Exception {
        CliRun notAName = localhome("forget", "no/such", "--port", String.valueOf(daemon.port()));
        assertThat(notAName.exitCode()).isEqualTo(1);
        assertThat(notAName.err()).contains("'no/such' is not a service name");

        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun noDaemon = localhome("forget", "app", "--port", String.valueOf(closed));
        assertThat(noDaemon.exitCode()).isEqualTo(3);
        assertThat(noDaemon.err()).contains("localhome is not running on port " + closed);
    }

    private static HttpResponse<String> byHost(String name) throws IOException, InterruptedException {
        return direct.send(HttpRequest.newBuilder(daemon.direct("/x")).header("Host", name + ".localhost:" + daemon.port())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Until the daemon has noticed (a 502 on the way rescans at once): a bounded poll, not a sleep to wait it out. */
    private static HttpResponse<String> pollUntil503(String name) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        return Await.value(NOTICED_WITHIN, () -> {
            last.set(byHost(name));
            return Optional.of(last.get()).filter(response -> response.statusCode() == 503);
        }, () -> "still " + last.get().statusCode() + ": " + last.get().body());
    }

    private static CliRun localhome(String... args) throws IOException {
        return CliRun.localhome(directory, args);
    }
}
