package dev.localhome.adapters.certs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks an installed mkcert where its CA lives ({@code mkcert -CAROOT}); empty when mkcert is not on the PATH. */
final class MkcertCommand implements Supplier<Optional<Path>> {
    private static final Logger log = LoggerFactory.getLogger(MkcertCommand.class);
    // -CAROOT only prints a path; a binary that takes longer is wedged and must not hold up the daemon's start
    private static final long TIMEOUT_MILLIS = 3_000;

    private final Map<String, String> env;
    private final long timeoutMillis;

    MkcertCommand(Map<String, String> env) {
        this(env, TIMEOUT_MILLIS);
    }

    MkcertCommand(Map<String, String> env, long timeoutMillis) {
        this.env = env;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Optional<Path> get() {
        return binary().flatMap(this::askCaRoot);
    }

    Optional<Path> binary() {
        String path = env.getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of(Path.of(dir, "mkcert"), Path.of(dir, "mkcert.exe")))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    private Optional<Path> askCaRoot(Path binary) {
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-CAROOT")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env); // mkcert reads $CAROOT and $HOME from it
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("{} -CAROOT did not answer within {} ms; looking for its CA elsewhere", binary, timeoutMillis);
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || out.isEmpty()) return Optional.empty();
            return Optional.of(Path.of(out));
        } catch (IOException | InvalidPathException e) {
            log.warn("cannot run {} -CAROOT: {}", binary, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
