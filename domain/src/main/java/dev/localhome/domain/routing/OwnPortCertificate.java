package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.Locale;
import java.util.Optional;

/**
 * Which certificate a TLS handshake on the daemon's own port gets, by the host its ClientHello names (SNI): a leaf
 * for exactly that host when it routes, else none, and the handshake is closed. A leaf is minted only for a name that
 * routes, as for intercepted tunnels.
 *
 * <ul>
 *   <li>{@code localhost}, the daemon's own name and no SNI at all (an address: {@code https://127.0.0.1:9090/}):
 *       the dashboard's leaf, {@code localhost} (a client that asked for an address then refuses it, as it should:
 *       the leaf names no address).</li>
 *   <li>{@code app.localhost}, {@code 3000.app.localhost}, {@code a.app.localhost}: a leaf for that host, when its
 *       labels name a service the catalog knows, or knew lately (its stopped page is served over TLS too).</li>
 *   <li>Anything else ({@code nope.localhost}, {@code example.com}): no leaf. A close, not the {@code localhost}
 *       leaf: that leaf would fail the client's check anyway, and a name that routes nowhere gets no certificate.</li>
 * </ul>
 */
public final class OwnPortCertificate {
    private static final String LOCALHOST = "localhost";

    private OwnPortCertificate() {}

    /** The host to mint a leaf for, or empty to close the handshake. */
    public static Optional<ServiceName> leafFor(Optional<String> sni, ServiceCatalog catalog, RoutingPolicy policy) {
        if (sni.isEmpty()) return Optional.of(new ServiceName(LOCALHOST));
        String host = sni.get().toLowerCase(Locale.ROOT);
        String own = policy.ownName().value();
        if (host.equals(LOCALHOST) || host.equals(own) || host.equals(own + ".localhost"))
            return ServiceName.parse(host);
        Optional<String> labels = Authority.parse(host).flatMap(Authority::localhostSubdomain);
        if (labels.isEmpty()) return Optional.empty();
        return NamedHost.resolve(labels.get(), catalog).filter(named -> catalog.knows(named.name()))
                .filter(named -> named.port().isEmpty() || catalog.find(named.name())
                        .map(s -> s.ports().contains(named.port().getAsInt())).orElse(false))
                .flatMap(named -> ServiceName.parse(host));
    }
}
