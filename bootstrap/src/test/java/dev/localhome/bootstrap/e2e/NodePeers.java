package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.SystemTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node programs of the peer suite, from {@code bootstrap/src/test/peers}: servers started as named dev servers,
 * and the {@code ws} client run once per check. The packages are pinned by that folder's {@code package-lock.json}
 * and installed by {@code .ci/run} ({@code npm ci}); the tests do not install them, so a test run never reaches out
 * to a registry by surprise, and a missing install fails loudly instead of skipping the suite.
 */
final class NodePeers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CLIENT_DEADLINE_SECONDS = 40;

    private NodePeers() {}

    /** The peers folder; surefire runs in the module's directory, an IDE may run in the repository's. */
    static Path directory() {
        for (Path candidate : List.of(Path.of("src/test/peers"), Path.of("bootstrap/src/test/peers"))) {
            if (Files.isRegularFile(candidate.resolve("package.json"))) return candidate.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("no bootstrap/src/test/peers/package.json under " + Path.of("").toAbsolutePath());
    }

    /** Fails, saying what to run, unless node and the pinned packages are there. */
    static void requireInstalled() {
        SystemTools.require("node", "nodejs");
        Path modules = directory().resolve("node_modules");
        for (String module : List.of("ws", "socket.io", "vite", "express", "http-proxy-agent", "https-proxy-agent")) {
            if (!Files.isRegularFile(modules.resolve(module).resolve("package.json"))) {
                SystemTools.require("npm", "npm"); // the build installs them with npm (bootstrap/pom.xml)
                throw new IllegalStateException("the peer suite's npm packages are not installed (" + modules.resolve(module)
                        + " is missing): run `npm ci` in " + directory() + ", or mvn verify, which does");
            }
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0)
                throw new IllegalStateException("`node --version` failed: run .ci/run, which installs Node");
        } catch (IOException e) {
            throw new IllegalStateException("node is not on the PATH: run .ci/run, which installs Node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code servers/<script>} as a dev server named {@code name}, with extra arguments. */
    static BackendProcess server(String script, String name, String... arguments) throws IOException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("node", "servers/" + script));
        command.addAll(List.of(arguments));
        return BackendProcess.start(name, command, directory());
    }

    /** One event the {@code ws} client printed: open, message, close, error or timeout. */
    record Event(JsonNode json) {
        String kind() {
            return json.path("event").asText();
        }

        String text() {
            return json.path("text").asText();
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    /** Runs {@code clients/ws-client.js} with {@code spec} to its end; see that file for the keys. */
    static List<Event> wsClient(Map<String, Object> spec) throws IOException {
        requireInstalled();
        Path stderr = Files.createTempFile("ws-client", ".err");
        try {
            Process client = new ProcessBuilder("node", "clients/ws-client.js", JSON.writeValueAsString(spec))
                    .directory(directory().toFile()).redirectError(stderr.toFile()).start();
            client.getOutputStream().close();
            String out;
            try (InputStream stdout = client.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!client.waitFor(CLIENT_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IOException("the ws client did not end; it printed " + out);
            }
            List<Event> events = new ArrayList<>();
            for (String line : out.split("\n")) if (!line.isBlank()) events.add(new Event(JSON.readTree(line)));
            if (events.isEmpty()) throw new IOException("the ws client printed nothing; stderr: " + Files.readString(stderr));
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** The byte pattern the peers send for {@code big} and {@code big:N}: byte i is {@code (i * 31 + 7) % 251}. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) ((i * 31L + 7) % 251);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
