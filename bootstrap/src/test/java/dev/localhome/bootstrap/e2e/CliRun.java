package dev.localhome.bootstrap.e2e;

import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One {@code localhome} command run in-process, with a home of its own under {@code directory} and no PATH. */
record CliRun(int exitCode, String out, String err) {
    static CliRun localhome(Path directory, String... args) throws IOException {
        Path home = Files.createDirectories(directory.resolve("cli-home"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(args, Environment.of(Map.of("HOME", home.toString(), "PATH", ""), home, home),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
