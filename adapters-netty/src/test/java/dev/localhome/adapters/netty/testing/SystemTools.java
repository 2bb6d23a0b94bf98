package dev.localhome.adapters.netty.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A test's need for a program of the machine's (curl, nghttp, openssl, node, Chromium, ...): found on the
 * {@code PATH}, the test goes on; missing, the test is skipped with a message that names the program and the Debian
 * package that has it, so {@code mvn verify} passes on a machine that lacks some of them. On CI (the variable
 * {@code CI} is set, as {@code .ci/run} runs) a missing program fails the test instead: CI runs everything.
 */
public final class SystemTools {
    private SystemTools() {}

    /** Goes on when {@code program} is on the PATH; skips (fails on CI) naming {@code debianPackage} otherwise. */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isPresent()) return found.get();
        String message = program + " is not installed (Debian: apt-get install " + debianPackage + ")";
        if (onCi()) fail(message + "; on CI every test runs: install it in .ci/run");
        assumeTrue(false, message + ": skipped");
        throw new AssertionError("unreachable");
    }

    /** {@code program} on the PATH, or at an absolute path. */
    public static Optional<Path> find(String program) {
        if (program.startsWith("/")) return Optional.of(Path.of(program)).filter(Files::isExecutable);
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program)).filter(Files::isExecutable).findFirst();
    }

    /** Whether this is a CI run ({@code CI} set to anything but {@code false}). */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
