package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA is live: a daemon started without any CA intercepts {@code https://<name>/} once {@code localhome ca init}
 * has made one, with no restart, and stops when the CA is removed; {@code /api/status} and {@code localhome ca}
 * agree on it all along.
 */
class LiveCaEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(LiveCaEndToEndTest.class);
    /** Far above the ~1 s the daemon takes (BENCHMARKS-style figures go to the log, not into assertions). */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @Test
    void aDaemonStartedWithoutACaServesHttpsOnceCaInitMadeOneAndStopsWhenItIsRemoved() throws Exception {
        assumeThat(Curl.installed()).as("curl is installed (.ci/run installs it)").isTrue();
        Environment environment = Environment.of(Map.of("HOME", home.toString()), home, home);
        String name = BackendProcess.uniqueName("live");
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), environment);
             BackendProcess app = BackendProcess.start(name)) {
            assertThat(interception(daemon)).as("/api/status before ca init").isFalse();
            assertThat(caCommandSaysInterception(environment)).as("localhome ca --json before ca init").isFalse();

            assertThat(Cli.execute(new String[] {"ca", "init"}, environment, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()))).isZero();
            Instant created = Instant.now();
            Path root = home.resolve(".local/share/localhome/rootCA.pem");
            String[] curl = {"--proxy", "http://127.0.0.1:" + daemon.port(), "--cacert", root.toString(),
                    "https://" + name + "/"};

            Curl.Result served = awaitCurl(curl);
            log.info("https://{}/ served {} ms after ca init", name, Duration.between(created, Instant.now()).toMillis());
            assertThat(served.exitCode()).as("curl; stderr: %s", served.stderr()).isZero();
            assertThat(served.stdout()).isEqualTo("hello from " + name);
            assertThat(interception(daemon)).as("/api/status after ca init").isTrue();
            assertThat(caCommandSaysInterception(environment)).as("localhome ca --json after ca init").isTrue();

            Files.delete(home.resolve(".local/share/localhome/rootCA-key.pem"));
            Files.delete(root);
            assertThat(await(() -> !interception(daemon))).as("/api/status once the CA is removed").isTrue();
            assertThat(caCommandSaysInterception(environment)).as("localhome ca --json once the CA is removed").isFalse();
            // plain http://<name>/ is proxied again, not redirected to an https the daemon cannot serve
            Curl.Result plain = Curl.run("--proxy", "http://127.0.0.1:" + daemon.port(), "http://" + name + "/");
            assertThat(plain.stdout()).isEqualTo("hello from " + name);
        }
    }

    private static Curl.Result awaitCurl(String... arguments) throws Exception {
        Instant deadline = Instant.now().plus(BOUND);
        Curl.Result result = Curl.run(arguments);
        while (result.exitCode() != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            result = Curl.run(arguments);
        }
        return result;
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) return false;
            Thread.sleep(50);
        }
        return true;
    }

    private static boolean interception(Daemon daemon) {
        try {
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.port() + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(status.body()).path("ca").path("interception").asBoolean();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean caCommandSaysInterception(Environment environment) throws Exception {
        StringWriter out = new StringWriter();
        assertThat(Cli.execute(new String[] {"ca", "--json"}, environment, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        JsonNode answer = new ObjectMapper().readTree(out.toString());
        return answer.path("interception").asBoolean();
    }
}
