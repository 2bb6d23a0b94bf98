package dev.localhome.bootstrap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code localhome} run as its own process from the test class path, as a user runs it: exit code, stdout and stderr.
 * Its JVM resolves names from {@code hosts} only ({@code jdk.net.hosts.file}), so a test of an unresolvable address
 * asks no DNS server. As root it runs without the capabilities that let root read any file
 * ({@code setpriv}), so a file made unreadable is unreadable to it too.
 */
final class LocalhomeProcess {
    record Result(int exitCode, String stdout, String stderr) {}

    private LocalhomeProcess() {}

    static Result run(Path home, Path workingDirectory, Map<String, String> variables, String... arguments)
            throws IOException, InterruptedException {
        Path hosts = Files.writeString(home.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        List<String> command = new ArrayList<>();
        if (isRoot()) command.addAll(List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search"));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), "dev.localhome.bootstrap.Main"));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("localhome " + String.join(" ", arguments) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
