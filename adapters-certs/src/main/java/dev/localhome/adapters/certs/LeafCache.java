package dev.localhome.adapters.certs;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.TlsIdentity;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One identity per name, minted once however many connections ask at the same moment, and re-minted when it is
 * about to expire.
 */
final class LeafCache {
    // a FutureTask per name, not the identity itself: computeIfAbsent stays instant (minting under the map's bin lock
    // would stall unrelated names), and every caller that races in waits on the one task that mints
    private final ConcurrentMap<ServiceName, FutureTask<TlsIdentity>> identities = new ConcurrentHashMap<>();
    private final Function<ServiceName, TlsIdentity> mint;
    private final Predicate<TlsIdentity> stale;

    LeafCache(Function<ServiceName, TlsIdentity> mint, Predicate<TlsIdentity> stale) {
        this.mint = mint;
        this.stale = stale;
    }

    TlsIdentity get(ServiceName name) {
        while (true) {
            FutureTask<TlsIdentity> task = identities.computeIfAbsent(name, n -> new FutureTask<>(() -> mint.apply(n)));
            task.run(); // mints for the first caller; a no-op for the rest, who wait in await()
            TlsIdentity identity = await(name, task);
            if (!stale.test(identity)) return identity;
            // conditional: of several callers that see the same stale entry, one removes it and one task re-mints
            identities.remove(name, task);
        }
    }

    private TlsIdentity await(ServiceName name, FutureTask<TlsIdentity> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            identities.remove(name, task); // the next caller tries again rather than getting a cached failure
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("cannot mint a certificate for '%s'".formatted(name), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a certificate for '%s' was minted".formatted(name), e);
        }
    }
}
