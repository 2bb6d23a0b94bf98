package dev.localhome.application;

import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A discovery source the test sets: name to port, as the next scan will find them; it counts its scans. */
final class RunningServices implements ServiceDiscovery {
    final Map<String, Integer> byName = new ConcurrentHashMap<>();
    final AtomicInteger scans = new AtomicInteger();

    @Override
    public String sourceName() {
        return "test";
    }

    @Override
    public List<Listener> scan() {
        scans.incrementAndGet();
        return byName.entrySet().stream()
                .map(e -> Listener.withoutProcess(new ServiceName(e.getKey()), e.getValue())).toList();
    }
}
