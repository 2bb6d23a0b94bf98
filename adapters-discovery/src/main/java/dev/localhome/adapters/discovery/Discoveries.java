package dev.localhome.adapters.discovery;

import dev.localhome.domain.port.ServiceDiscovery;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The discovery sources this module offers, for the composition root; the implementations stay package-private. */
public final class Discoveries {
    /** lsof can take a few seconds on a busy Mac; past this, a scan fails rather than stalls. */
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);

    private Discoveries() {}

    /** Processes with {@code NAME} on this machine: {@code /proc} on Linux, lsof and ps on macOS, nothing elsewhere. */
    public static ServiceDiscovery forThisPlatform() {
        return forOs(System.getProperty("os.name", ""));
    }

    static ServiceDiscovery forOs(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return procFs(Path.of("/proc"));
        if (os.startsWith("mac")) return lsof();
        return new UnsupportedPlatformServiceDiscovery(osName);
    }

    /** Linux discovery over the proc filesystem mounted at {@code root} (normally {@code /proc}). */
    public static ServiceDiscovery procFs(Path root) {
        // the kernel prints addresses in its own byte order, which is this JVM's native one
        return new ProcFsServiceDiscovery(root, ByteOrder.nativeOrder());
    }

    /** macOS discovery with {@code lsof} and {@code ps}. */
    public static ServiceDiscovery lsof() {
        return new LsofServiceDiscovery(new ProcessCommandRunner(TOOL_TIMEOUT));
    }

    /**
     * Fixed name → port mappings from the config file's {@code services}, served on 127.0.0.1.
     *
     * @throws IllegalArgumentException with a message naming the bad entry
     */
    public static ServiceDiscovery staticMappings(Map<String, Integer> services) {
        return new StaticServiceDiscovery(services);
    }
}
