package dev.localhome.bootstrap.cli.service;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a service manager starts the daemon: an absolute program and its arguments. A service has no
 * {@code PATH} worth trusting and no working directory, so every path in here is absolute.
 *
 * @param program the installed copy's {@code bin/localhome} (which adds the JVM flags itself), or {@code java}
 * @param arguments what follows it: {@code run} and the flags the user gave {@code localhome install}; for
 *                  {@code java}, first the JVM flags ({@link JvmOptions}) and {@code -jar localhome.jar} (or
 *                  {@code -cp ... Main}, which keeps plugin jars)
 */
record DaemonLaunch(Path program, List<String> arguments) {
    /** {@code dev.localhome.bootstrap.Main}, named, not referenced: the entry point depends on the CLI, not back. */
    static final String MAIN_CLASS = "dev.localhome.bootstrap.Main";

    DaemonLaunch {
        Objects.requireNonNull(program, "program");
        if (!program.isAbsolute()) throw new IllegalArgumentException("not an absolute path: " + program);
        arguments = List.copyOf(arguments);
    }

    /** The installed copy's launcher: {@code bin/localhome run} and the flags. */
    static DaemonLaunch ofLauncher(Path launcher, List<String> flags) {
        List<String> arguments = new ArrayList<>(List.of("run"));
        arguments.addAll(flags);
        return new DaemonLaunch(launcher, arguments);
    }

    /**
     * This JVM, started again: its own {@code java} with the daemon's {@link JvmOptions}, and {@code -jar} when it
     * runs from a single jar (the usual {@code java -jar localhome.jar}), otherwise its whole class path, so a plugin
     * jar next to localhome's stays.
     */
    static DaemonLaunch ofThisJvm(List<String> flags) {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry).toAbsolutePath().normalize()).toList();
        Path codeSource = mainCodeSource();
        List<String> arguments = new ArrayList<>(JvmOptions.daemon());
        if (classPath.size() == 1 && classPath.get(0).equals(codeSource) && Files.isRegularFile(codeSource)) {
            arguments.addAll(List.of("-jar", codeSource.toString()));
        } else {
            arguments.addAll(List.of("-cp", classPath.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)), MAIN_CLASS));
        }
        arguments.addAll(flags);
        return new DaemonLaunch(java.toAbsolutePath(), arguments);
    }

    /** The jar (or classes directory) localhome's own classes, {@code Main} among them, were loaded from. */
    static Path mainCodeSource() {
        try {
            return Path.of(DaemonLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where localhome's own code lives", e);
        }
    }

    /** The whole command line, the program first. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * The same program and flags running another command: {@code localhome status --port 9191} for
     * {@code localhome run --port 9191}.
     */
    DaemonLaunch withCommand(String command) {
        List<String> changed = new ArrayList<>(arguments);
        if (!changed.isEmpty() && changed.get(0).equals("run")) {
            changed.set(0, command);
        } else {
            int main = changed.indexOf(MAIN_CLASS);
            int jar = changed.indexOf("-jar");
            changed.add(main >= 0 ? main + 1 : jar >= 0 ? jar + 2 : 0, command);
        }
        return new DaemonLaunch(program, changed);
    }

    /** Whether it runs from a build's {@code target/} directory, which {@code mvn clean} deletes. */
    boolean runsFromBuildOutput() {
        return command().stream().anyMatch(word -> word.contains(File.separator + "target" + File.separator));
    }

    /** The command line for a POSIX shell, each word quoted where it needs to be. */
    String shellCommand() {
        return command().stream().map(DaemonLaunch::shellWord).collect(Collectors.joining(" "));
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
