package dev.localhome.bootstrap.e2e;

import dev.localhome.bootstrap.cli.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one {@code localhome} command printed and returned, run in-process with a home of its own under {@code directory}. */
record CliRun(int exitCode, String out, String err) {
    static CliRun localhome(Path directory, String... args) throws IOException {
        CommandLineRun run = new CommandLineRun(Files.createDirectories(directory.resolve("cli-home")));
        int code = run.localhome(args);
        return new CliRun(code, run.out(), run.err());
    }
}
