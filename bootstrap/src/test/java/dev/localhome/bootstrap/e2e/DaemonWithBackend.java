package dev.localhome.bootstrap.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What most end-to-end classes stand on: the whole daemon in-process (with a CA made for the class, or with none), one
 * dev server started as a real process named {@code app-<random>}, and a client set up as a browser the PAC file sent
 * to the daemon. Started once per class, in a temporary directory of its own, and closed after the class.
 *
 * <pre>{@code @RegisterExtension static final DaemonWithBackend started = DaemonWithBackend.withCa();}</pre>
 *
 * Test methods declare what they use as parameters ({@link RunningDaemon}, {@link BackendProcess}, the browser's
 * {@link HttpClient}); a class's static helpers ask the field.
 */
final class DaemonWithBackend implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final Set<Class<?>> GIVEN = Set.of(RunningDaemon.class, BackendProcess.class, HttpClient.class);

    private final boolean withCa;
    private Path directory;
    private RunningDaemon daemon;
    private BackendProcess app;
    private HttpClient browser;

    private DaemonWithBackend(boolean withCa) {
        this.withCa = withCa;
    }

    /** A daemon that intercepts HTTPS with a CA created for the class. */
    static DaemonWithBackend withCa() {
        return new DaemonWithBackend(true);
    }

    /** A daemon that finds no CA anywhere: interception off, everything else on. */
    static DaemonWithBackend withoutCa() {
        return new DaemonWithBackend(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("localhome-e2e-");
        daemon = withCa ? RunningDaemon.withCa(directory) : RunningDaemon.withoutCa(directory);
        app = BackendProcess.start(BackendProcess.uniqueName("app"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
            if (directory != null) delete(directory);
        }
    }

    RunningDaemon daemon() {
        return started(daemon);
    }

    BackendProcess app() {
        return started(app);
    }

    /** One client for the class, made when first asked for: a browser keeps its connections between pages too. */
    HttpClient browser() {
        if (browser == null) browser = daemon().browser();
        return browser;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return GIVEN.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == RunningDaemon.class) return daemon();
        if (type == BackendProcess.class) return app();
        return browser();
    }

    private static <T> T started(T part) {
        if (part == null) throw new IllegalStateException("asked for before the class started");
        return part;
    }

    /** Deepest first, as {@code @TempDir} would: the CA's files and the daemon's home go with it. */
    private static void delete(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) Files.deleteIfExists(path);
    }
}
