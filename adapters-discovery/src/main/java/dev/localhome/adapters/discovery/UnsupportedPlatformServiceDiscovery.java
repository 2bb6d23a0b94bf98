package dev.localhome.adapters.discovery;

import dev.localhome.domain.Listener;
import dev.localhome.domain.port.ServiceDiscovery;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** On a platform without process discovery, finds nothing; static mappings from the config still work. */
final class UnsupportedPlatformServiceDiscovery implements ServiceDiscovery {
    private static final Logger log = LoggerFactory.getLogger(UnsupportedPlatformServiceDiscovery.class);

    private final String osName;
    private final AtomicBoolean told = new AtomicBoolean(); // scans run every few seconds: say it once

    UnsupportedPlatformServiceDiscovery(String osName) {
        this.osName = osName;
    }

    @Override
    public String sourceName() {
        return "none";
    }

    @Override
    public List<Listener> scan() {
        if (told.compareAndSet(false, true))
            log.info("no process discovery on {}: map names to ports under \"services\" in the config file", osName);
        return List.of();
    }
}
