package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code localhome ...} in-process with a temporary home and a chosen environment; keeps what it printed. */
final class CommandLineRun {
    final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    CommandLineRun(Path home) {
        this.home = home;
        variables.put("HOME", home.toString());
        variables.put("PATH", ""); // no real systemctl, launchctl or browser: a test adds stand-ins on purpose
    }

    /** Runs one command; its output replaces the previous command's. */
    int localhome(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.execute(args, environment(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    Environment environment() {
        return Environment.of(variables, home, home);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
