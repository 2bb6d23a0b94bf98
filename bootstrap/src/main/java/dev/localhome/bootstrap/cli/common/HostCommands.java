package dev.localhome.bootstrap.cli.common;

import dev.localhome.bootstrap.config.Environment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the machine's own tools ({@code systemctl}, {@code launchctl}, {@code xdg-open}), found on the
 * {@link Environment}'s {@code PATH}: a test gives a {@code PATH} with stand-ins, or none, and the real ones stay
 * untouched.
 */
public final class HostCommands {
    private static final long TIMEOUT_SECONDS = 30;

    /** What a tool said: its exit code and its stdout and stderr together, trimmed. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The first line of output, for a one-line report; the exit code when it printed nothing. */
        public String firstLine() {
            return output.lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    private final Environment environment;

    public HostCommands(Environment environment) {
        this.environment = environment;
    }

    /** The executable {@code name} on the environment's {@code PATH}. */
    public Optional<Path> find(String name) {
        for (String directory : environment.variable("PATH").orElse("").split(File.pathSeparator)) {
            if (directory.isBlank()) continue;
            Path candidate = Path.of(directory).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Runs {@code name} with {@code arguments}; a tool that is not on the {@code PATH} is exit code 127, as in a shell. */
    public Result run(String name, String... arguments) {
        Optional<Path> executable = find(name);
        if (executable.isEmpty()) return new Result(127, name + ": command not found");
        List<String> command = new ArrayList<>();
        command.add(executable.get().toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment.variablesWithHome());
        try {
            Process process = builder.start();
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, name + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(126, name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, name + ": interrupted");
        }
    }

    /** Starts {@code name} and does not wait for it (a browser). */
    /** How starting a program in the background went: it ran (or still runs), or why it did not. */
    public sealed interface Launch {
        record Started() implements Launch {}

        record Failed(String why) implements Launch {}
    }

    /**
     * Starts {@code name} and waits up to {@code wait} for it: a launcher such as {@code xdg-open} that exits non-zero
     * (no browser configured, none installed) has failed, with what it printed; one still running after {@code wait}
     * (a browser it started in the foreground) counts as started.
     */
    public Launch launchAndCheck(Duration wait, String name, String... arguments) {
        Optional<Path> executable = find(name);
        if (executable.isEmpty()) return new Launch.Failed("found no " + name + " on the PATH");
        List<String> command = new ArrayList<>();
        command.add(executable.get().toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("localhome-launch", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() == 0)
                    return new Launch.Started();
                String said = Files.readString(output).strip();
                return new Launch.Failed("%s exited with code %d%s".formatted(name, process.exitValue(),
                        said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Launch.Failed("cannot run " + executable.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Launch.Failed("interrupted while waiting for " + name);
        }
    }
}
