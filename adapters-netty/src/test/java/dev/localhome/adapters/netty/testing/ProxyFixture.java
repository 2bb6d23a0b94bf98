package dev.localhome.adapters.netty.testing;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The proxy under test for a whole test class, as a JUnit 5 extension: a test CA when the class asks for one, the
 * proxy on port 0, its backends started and named; all of it closed after the class's last test.
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final ProxyFixture fixture = ProxyFixture.withCa().backend("app", () -&gt; TestBackend.start(0, "app"), TestBackend::port);
 * </pre>
 */
public final class ProxyFixture implements BeforeAllCallback, AfterAllCallback {
    /** Starts a backend; it may throw. */
    @FunctionalInterface
    public interface Start<B> {
        B start() throws Exception;
    }

    private record Backend<B extends AutoCloseable>(Start<B> start, ToIntFunction<B> port) {}

    private final boolean withCa;
    private ProxyLimits limits = ProxyLimits.defaults();
    private final Map<String, Backend<?>> wanted = new LinkedHashMap<>();
    private final Map<String, AutoCloseable> started = new LinkedHashMap<>();
    private Path directory;
    private TestCa ca;
    private ProxyUnderTest proxy;

    private ProxyFixture(boolean withCa) {
        this.withCa = withCa;
    }

    /** A proxy that intercepts nothing: no CA. */
    public static ProxyFixture withoutCa() {
        return new ProxyFixture(false);
    }

    /** A proxy that intercepts HTTPS with a fresh test CA ({@link #ca()}). */
    public static ProxyFixture withCa() {
        return new ProxyFixture(true);
    }

    public ProxyFixture limits(ProxyLimits limits) {
        this.limits = limits;
        return this;
    }

    /** A backend started before the proxy's first test, and the name the proxy discovers it under. */
    public <B extends AutoCloseable> ProxyFixture backend(String name, Start<B> start, ToIntFunction<B> port) {
        wanted.put(name, new Backend<>(start, port));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("localhome-proxy-fixture");
        if (withCa) ca = new TestCa(directory.resolve("ca"));
        proxy = new ProxyUnderTest(withCa ? ca.authority() : ProxyUnderTest.NO_CA, limits);
        for (Map.Entry<String, Backend<?>> each : wanted.entrySet()) proxy.services.put(each.getKey(), start(each.getKey(), each.getValue()));
    }

    private <B extends AutoCloseable> int start(String name, Backend<B> backend) throws Exception {
        B running = backend.start().start();
        started.put(name, running);
        return backend.port().applyAsInt(running);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Exception> failures = new ArrayList<>();
        if (proxy != null) proxy.close();
        for (AutoCloseable backend : started.values()) {
            try {
                backend.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        started.clear();
        if (directory != null) try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(ProxyFixture::delete);
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind: the OS cleans its temporary directory
        }
    }

    public ProxyUnderTest proxy() {
        return proxy;
    }

    public int port() {
        return proxy.port();
    }

    /** The test CA; only {@link #withCa()} has one. */
    public TestCa ca() {
        if (ca == null) throw new IllegalStateException("this fixture has no CA: ProxyFixture.withCa() makes one");
        return ca;
    }

    /** The backend started under {@code name}. */
    @SuppressWarnings("unchecked")
    public <B> B backend(String name) {
        return (B) started.get(name);
    }
}
