package dev.localhome.domain.port;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Authority;
import dev.localhome.domain.routing.TunnelPlan;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inbound: what to do with {@code CONNECT host:port}. Completes after a rescan when the name is not known yet. */
public interface TunnelHandler {
    CompletionStage<TunnelPlan> plan(Authority target);

    /**
     * The host whose leaf answers a TLS handshake on the daemon's own port that named {@code sni} (empty: it named
     * none), or empty to close it: see {@code OwnPortCertificate}. Completes after a rescan when the name is not known.
     */
    CompletionStage<Optional<ServiceName>> ownPortLeaf(Optional<String> sni);
}
