package dev.localhome.adapters.discovery;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool as a child process, with a deadline so a stuck {@code lsof} cannot stall discovery forever. */
final class ProcessCommandRunner implements CommandRunner {
    private final Duration timeout;

    ProcessCommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String run(List<String> command, int... acceptedExitCodes) throws IOException {
        // Output goes to a file rather than a pipe: reading a pipe would block past the deadline if the tool hangs.
        Path output = Files.createTempFile("localhome-discovery-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!waitFor(process)) {
                process.destroyForcibly();
                throw new IOException("%s did not finish within %s".formatted(command.get(0), timeout));
            }
            int exit = process.exitValue();
            if (exit != 0 && Arrays.stream(acceptedExitCodes).noneMatch(code -> code == exit))
                throw new IOException("%s exited with %d".formatted(command.get(0), exit));
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private boolean waitFor(Process process) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + process.info().command().orElse("a tool"), e);
        }
    }
}
