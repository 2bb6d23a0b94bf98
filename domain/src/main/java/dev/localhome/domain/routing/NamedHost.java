package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the labels before {@code .localhost} ask for, once the catalog says which of them are a service's name.
 *
 * <ol>
 *   <li>The longest name the catalog knows wins: {@code NAME=api.shop} owns {@code api.shop.localhost}, even while
 *       {@code NAME=shop} runs too.</li>
 *   <li>Then the label just left of the name, when it is all digits, is one of its ports: {@code 3000.app}.</li>
 *   <li>Whatever is left of that is a subdomain, which the service receives in {@code Host} as sent: {@code a.app},
 *       {@code a.3000.app}.</li>
 * </ol>
 *
 * @param port the port a digit label names; empty for the service's chosen port
 */
record NamedHost(ServiceName name, OptionalInt port) {
    private static final int MAX_PORT = 65_535;

    NamedHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
    }

    /**
     * The service {@code labels} (e.g. {@code a.3000.app}) ask for. Empty when no suffix of them is a name the
     * catalog knows, or when the digit label before the name is no TCP port ({@code 0}, {@code 70000}): both are
     * refused like an unknown name. Labels that no name could have ({@code a..app}) are refused too.
     */
    static Optional<NamedHost> resolve(String labels, ServiceCatalog catalog) {
        if (ServiceName.parse(labels).isEmpty()) return Optional.empty(); // every label must be one a name may have
        // Longest first: the whole text, then without its first label, and so on.
        int start = 0;
        while (true) {
            Optional<ServiceName> name = ServiceName.parse(labels.substring(start));
            if (name.isPresent() && catalog.knows(name.get())) return portBefore(labels, start, name.get());
            int dot = labels.indexOf('.', start);
            if (dot < 0) return Optional.empty();
            start = dot + 1;
        }
    }

    private static Optional<NamedHost> portBefore(String labels, int nameStart, ServiceName name) {
        if (nameStart == 0) return Optional.of(new NamedHost(name, OptionalInt.empty()));
        String rest = labels.substring(0, nameStart - 1);
        String nearest = rest.substring(rest.lastIndexOf('.') + 1);
        if (!allDigits(nearest)) return Optional.of(new NamedHost(name, OptionalInt.empty())); // a subdomain only
        if (nearest.length() > 5) return Optional.empty();
        int port = Integer.parseInt(nearest);
        return port >= 1 && port <= MAX_PORT ? Optional.of(new NamedHost(name, OptionalInt.of(port))) : Optional.empty();
    }

    private static boolean allDigits(String label) {
        if (label.isEmpty()) return false;
        for (int i = 0; i < label.length(); i++) if (label.charAt(i) < '0' || label.charAt(i) > '9') return false;
        return true;
    }
}
