package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code localhome ...} in-process with a temporary home and a chosen environment; keeps what it printed. */
public final class CommandLineRun {
    public final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    public CommandLineRun(Path home) {
        this.home = home;
        variables.put("HOME", home.toString());
        variables.put("PATH", ""); // no real systemctl, launchctl or browser: a test adds stand-ins on purpose
    }

    /** Runs one command; its output replaces the previous command's. */
    public int localhome(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.execute(args, environment(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    public Environment environment() {
        return Environment.of(variables, home, home);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
