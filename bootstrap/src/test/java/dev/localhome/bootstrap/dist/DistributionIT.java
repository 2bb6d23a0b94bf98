package dev.localhome.bootstrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.SystemTools;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.bootstrap.e2e.BackendProcess;
import dev.localhome.domain.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} made (bootstrap/dist/build.sh), unpacked as a user would, run where no JDK can be
 * reached: a mount namespace with an empty tmpfs over {@code /usr/lib/jvm}, a PATH without {@code java},
 * {@code JAVA_HOME} unset. Then {@code localhome install} / {@code uninstall} from it, with a stand-in
 * {@code systemctl} and with none at all.
 */
@EnabledOnOs(OS.LINUX)
class DistributionIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("localhome.archive", "missing.tar.gz"));
    private static final Pattern STARTED = Pattern.compile("in the background \\(pid (\\d+)\\)");

    @TempDir
    static Path unpacked;

    @TempDir
    Path home;

    private static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(ARCHIVE).as("the archive mvn package makes").isRegularFile();
        Programs.Result tar = Programs.run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", unpacked.toString()),
                Map.of("PATH", "/usr/bin:/bin"), unpacked);
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        try (var entries = Files.list(unpacked)) {
            launcher = entries.filter(entry -> entry.getFileName().toString().startsWith("localhome-")).findFirst()
                    .orElseThrow().resolve("bin/localhome");
        }
    }

    /** HOME, XDG folders and a PATH of {@code bin}: nothing of the machine's JDKs or of the test's own user. */
    private Map<String, String> userEnvironment(Path bin) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("PATH", bin.toString());
        return environment;
    }

    @Test
    void theArchiveRunsWhereNoJdkCanBeReachedAndRoutesToANamedBackend() throws Exception {
        runsWithoutAJdk(launcher);
    }

    @Test
    void withoutItsRuntimeTheArchiveDoesNotRun() throws Exception {
        Path copy = home.resolve("copy");
        Programs.Result cp = Programs.run(List.of("cp", "-a", launcher.getParent().getParent().toString(),
                copy.toString()), Map.of("PATH", "/usr/bin:/bin"), home);
        assertThat(cp.exitCode()).as(cp.output()).isZero();
        Programs.Result rm = Programs.run(List.of("rm", "-rf", copy.resolve("runtime").toString()),
                Map.of("PATH", "/usr/bin:/bin"), home);
        assertThat(rm.exitCode()).isZero();

        Programs.Result run = Programs.run(List.of(copy.resolve("bin/localhome").toString(), "--version"),
                userEnvironment(Programs.minimalBin(home.resolve("bin"))), home);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("the Java runtime that comes with localhome is missing");
    }

    /**
     * Starts the launcher in a new mount namespace whose {@code /usr/lib/jvm} is an empty tmpfs (so {@code /usr/bin/java}
     * leads nowhere), proves no {@code java} answers there, and fetches a named backend through the daemon.
     */
    private void runsWithoutAJdk(Path program) throws Exception {
        SystemTools.require("unshare", "util-linux");
        String name = BackendProcess.uniqueName("dist");
        try (BackendProcess backend = BackendProcess.start(name, TestBackend.class.getName())) {
            String script = "mount -t tmpfs none /usr/lib/jvm || exit 97\n"
                    + "for java in java /usr/bin/java; do if \"$java\" -version >/dev/null 2>&1; then "
                    + "echo \"a JDK is reachable: $java\"; exit 98; fi; done\n"
                    + "exec \"$0\" --port 0\n";
            // as root (CI), a mount namespace only; as a user, in a user namespace of its own, which may hide the
            // backend's environment from discovery on some kernels
            List<String> unshare = "root".equals(System.getProperty("user.name")) ? List.of("unshare", "-m")
                    : List.of("unshare", "-r", "-m");
            List<String> command = new java.util.ArrayList<>(unshare);
            command.addAll(List.of("/bin/sh", "-c", script, program.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
            builder.environment().clear();
            builder.environment().putAll(userEnvironment(Programs.minimalBin(home.resolve("bin"))));
            builder.environment().put("PATH", home.resolve("bin") + ":/usr/bin:/bin"); // /usr/bin/java: hidden
            Process daemon = builder.start();
            try {
                int port = listeningPort(daemon);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/")).header("Host", name + ".localhost:" + port)
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains(name);
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) daemon.destroyForcibly();
            }
        }
    }

    /** The port of the daemon's {@code LISTENING:<port>} line; fails with everything it printed when it exits first. */
    private static int listeningPort(Process daemon) throws Exception {
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.startsWith("LISTENING:")) {
                        CompletableFuture.runAsync(() -> drain(lines));
                        return Integer.parseInt(line.substring("LISTENING:".length()).strip());
                    }
                }
            } catch (IOException e) {
                // the process ended: reported below with its output
            }
            return -1;
        });
        int found;
        try {
            found = port.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // a daemon silent for a minute: the stacks of its threads (SIGQUIT, on its stdout) say where it waits
            daemon.descendants().forEach(process -> quit(process.pid()));
            try {
                Await.until(Duration.ofSeconds(5), () -> {
                    synchronized (seen) {
                        return seen.indexOf("Full thread dump") >= 0;
                    }
                }, () -> "no thread dump");
            } catch (AssertionError noDump) {
                // reported below with whatever it printed
            }
            found = -1;
        }
        synchronized (seen) {
            assertThat(found).as("LISTENING:<port>; the daemon printed:%n%s", seen).isPositive();
        }
        return found;
    }

    private static void quit(long pid) {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill here: the failure below still has the daemon's output
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // keep the pipe empty so the daemon never blocks on a full one
            }
        } catch (IOException e) {
            // the daemon ended
        }
    }

    @Test
    void aLinkToTheLauncherOnThePathWorks() throws Exception {
        Path bin = Programs.minimalBin(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("localhome"), launcher);

        Programs.Result version = Programs.run(List.of("sh", "-c", "localhome --version"), userEnvironment(bin), home);

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).containsPattern("localhome \\S+ \\(commit \\w+, built \\S+\\)");
    }

    @Test
    void installWritesAUnitThatRunsTheUnpackedCopyAndUninstallRemovesAllOfIt() throws Exception {
        Path bin = Programs.minimalBin(home.resolve("bin"));
        Path calls = home.resolve("systemctl-calls");
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = userEnvironment(bin);
        environment.remove("USER");

        Programs.Result install = Programs.run(List.of(launcher.toString(), "install", "--port", "9595"), environment,
                home);

        assertThat(install.exitCode()).as(install.output()).isZero();
        Path unit = home.resolve(".config/systemd/user/localhome.service");
        assertThat(Files.readString(unit)).contains("ExecStart=" + launcher.toRealPath() + " run --port 9595");
        Path link = home.resolve(".local/bin/localhome");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(launcher.toRealPath());
        assertThat(Files.readAllLines(calls)).containsExactly("--user daemon-reload", "--user enable localhome.service",
                "--user restart localhome.service");

        Programs.Result uninstall = Programs.run(List.of(link.toString(), "uninstall"), environment, home);

        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(unit).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(Files.readAllLines(calls)).contains("--user disable --now localhome.service");
    }

    @Test
    void withoutSystemdInstallSaysHowAndNowStartsADaemonThatUninstallStops() throws Exception {
        Path bin = Programs.minimalBin(home.resolve("bin"));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Programs.Result install = Programs.run(List.of(launcher.toString(), "install", "--now", "--port",
                String.valueOf(port)), userEnvironment(bin), home);
        Matcher started = STARTED.matcher(install.output());
        long pid = started.find() ? Long.parseLong(started.group(1)) : -1;
        try {
            assertThat(install.exitCode()).as(install.output()).isZero();
            assertThat(install.output()).contains("systemctl is not installed", "~/.profile",
                    launcher.toRealPath() + " run --port " + port);
            assertThat(pid).as(install.output()).isPositive();
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/status")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("(commit ");

            Programs.Result uninstall = Programs.run(List.of(launcher.toString(), "uninstall"), userEnvironment(bin),
                    home);

            assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
            assertThat(uninstall.output()).contains("Stopped the daemon started in the background (pid " + pid + ")");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(home.resolve(".local/bin/localhome")).doesNotExist();
        } finally {
            if (pid > 0) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // by its pid, if still there
        }
    }
}
