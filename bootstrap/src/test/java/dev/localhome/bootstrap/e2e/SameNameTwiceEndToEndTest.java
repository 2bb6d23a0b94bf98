package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes with the same {@code NAME} (two terminals that both ran {@code NAME=app npm run dev}) are one service:
 * {@code scan --json}, {@code /api/services} and {@code localhome status} show both, with each one's ports, which one
 * answers for the name, and why (the port rule: the lowest port that is no debugger or ephemeral one).
 */
class SameNameTwiceEndToEndTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void bothProcessesAreShownWithWhichOneAnswersAndWhy() throws Exception {
        String name = BackendProcess.uniqueName("twice");
        Environment environment = Environment.of(Map.of("HOME", home.toString()), home, home);
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), environment);
             BackendProcess first = BackendProcess.start(name);
             BackendProcess second = BackendProcess.start(name)) {
            BackendProcess lower = first.port() < second.port() ? first : second;
            BackendProcess higher = lower == first ? second : first;

            JsonNode api = awaitTwoProcesses(daemon, name);
            assertBothShown(api, name, lower, higher);
            assertThat(get(daemon, "/", name + ".localhost").body()).isEqualTo("hello from " + name);

            StringWriter scan = new StringWriter();
            assertThat(Cli.execute(new String[] {"scan", "--json", "--port", String.valueOf(daemon.port())}, environment,
                    new PrintWriter(scan, true), new PrintWriter(new StringWriter(), true))).isZero();
            assertBothShown(serviceNamed(JSON.readTree(scan.toString()), name), name, lower, higher);

            StringWriter table = new StringWriter();
            assertThat(Cli.execute(new String[] {"status", "--port", String.valueOf(daemon.port())}, environment,
                    new PrintWriter(table, true), new PrintWriter(new StringWriter(), true))).isZero();
            assertThat(table.toString()).contains(name + ": 2 processes carry NAME=" + name + ": ")
                    .contains("pid " + lower.pid() + " on " + lower.port() + " answers")
                    .contains("pid " + higher.pid() + " on " + higher.port())
                    .contains("(port " + lower.port() + " is the lowest of its ports");
        }
    }

    private static void assertBothShown(JsonNode service, String name, BackendProcess lower, BackendProcess higher) {
        assertThat(service.path("port").asInt()).isEqualTo(lower.port());
        assertThat(service.path("portRule").asText()).isEqualTo(("port %d is the lowest of its ports [%d, %d] that is "
                + "not a debugger port (9229, 9222, 5858) or an ephemeral one (49152 and up)")
                .formatted(lower.port(), lower.port(), higher.port()));
        List<String> processes = new ArrayList<>();
        for (JsonNode process : service.path("processes"))
            processes.add(process.path("pid").asLong() + " " + process.path("ports") + " " + process.path("answers"));
        assertThat(processes).as(name).containsExactlyInAnyOrder(
                lower.pid() + " [" + lower.port() + "] true", higher.pid() + " [" + higher.port() + "] false");
    }

    private static JsonNode awaitTwoProcesses(Daemon daemon, String name) throws Exception {
        Instant deadline = Instant.now().plus(BOUND);
        JsonNode service = JSON.missingNode();
        while (Instant.now().isBefore(deadline)) {
            service = serviceNamed(JSON.readTree(get(daemon, "/api/services", "localhost").body()), name);
            if (service.path("processes").size() == 2) return service;
            Thread.sleep(100);
        }
        return service;
    }

    private static JsonNode serviceNamed(JsonNode answer, String name) {
        for (JsonNode service : answer.path("services"))
            if (service.path("name").asText().equals(name)) return service;
        return JSON.missingNode();
    }

    private static HttpResponse<String> get(Daemon daemon, String path, String host) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .header("Host", host).build(), HttpResponse.BodyHandlers.ofString());
    }
}
