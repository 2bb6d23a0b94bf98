package dev.localhome.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that only asks the daemon loads none of the daemon's machinery: no Guice, no Netty, no BouncyCastle, no
 * Logback and not the JDK's {@code HttpClient} (which loads every security provider on the class path). Each command
 * runs in a JVM of its own that logs every class it loads ({@code -Xlog:class+load}); the last test shows that a
 * command that does build the daemon's parts is caught by the same reading.
 */
class ClientCommandClassesTest {
    /** What a command that asks the daemon must not load: the packages' names as the class-load log prints them. */
    private static final List<String> FORBIDDEN = List.of("com.google.inject.", "io.netty.", "org.bouncycastle.",
            "ch.qos.logback.", "jdk.internal.net.http.");
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source:");

    @TempDir
    Path home;

    @Test
    void statusOpenRequestsAndForgetLoadNoneOfTheDaemonsMachinery() throws Exception {
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            String port = String.valueOf(daemon.port());
            assertLoadsNoneOfTheDaemon(0, "status", "--port", port);
            assertLoadsNoneOfTheDaemon(0, "status", "--json", "--port", port);
            assertLoadsNoneOfTheDaemon(0, "open", "app", "--port", port);
            assertLoadsNoneOfTheDaemon(0, "requests", "--port", port);
            assertLoadsNoneOfTheDaemon(0, "requests", "--json", "--port", port);
            // the stand-in knows no /forget: "no stopped service is named 'app'", exit code 1, after asking
            assertLoadsNoneOfTheDaemon(1, "--port", port, "forget", "app");
        }
    }

    @Test
    void aCommandThatFindsNoDaemonAndVersionLoadNoneOfIt() throws Exception {
        String closed = String.valueOf(closedPort());
        assertLoadsNoneOfTheDaemon(3, "status", "--port", closed);
        assertLoadsNoneOfTheDaemon(3, "open", "app", "--port", closed);
        assertLoadsNoneOfTheDaemon(0, "--version");
    }

    @Test
    void theReadingCatchesACommandThatBuildsTheDaemonsParts() throws Exception {
        // scan with no daemon to ask scans itself, through the injector and the same sources as the daemon
        List<String> loaded = classesLoadedBy(0, "scan", "--port", String.valueOf(closedPort()));

        assertThat(loaded).anyMatch(name -> name.startsWith("com.google.inject."));
    }

    private void assertLoadsNoneOfTheDaemon(int exitCode, String... arguments) throws Exception {
        List<String> loaded = classesLoadedBy(exitCode, arguments);

        assertThat(loaded).as("classes localhome %s loaded", String.join(" ", arguments)).contains("java.lang.Object");
        assertThat(loaded.stream().filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)))
                .as("classes of the daemon's machinery localhome %s loaded", String.join(" ", arguments))
                .isEmpty();
    }

    /** The names of the classes {@code localhome arguments} loaded, in a JVM of its own; its exit code must match. */
    private List<String> classesLoadedBy(int exitCode, String... arguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile(home, "classes", ".txt");
        Path output = Files.createTempFile(home, "output", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), "dev.localhome.bootstrap.Main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("localhome " + String.join(" ", arguments) + " did not finish within 60 s");
        }
        assertThat(process.exitValue()).as("exit code of localhome %s, which printed:%n%s", String.join(" ", arguments),
                Files.readString(output, StandardCharsets.UTF_8)).isEqualTo(exitCode);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher loaded = LOADED.matcher(line);
            if (loaded.find()) names.add(loaded.group(1));
        }
        return names;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again when this returns: nothing listens there
        }
    }
}
