package dev.localhome.domain.routing;

import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.StoppedService;
import java.util.List;
import java.util.Optional;

/** Where a request goes: the routing decision, consumed with {@code switch}. */
public sealed interface Route {
    /** One of the daemon's own pages. */
    record Local(LocalPage page) implements Route {}

    /**
     * To a backend, with {@code target} in origin form and the head rewritten as {@code rewrite} says.
     *
     * @param portNamed the request named the port ({@code 3000.app.localhost}, {@code http://app:3000/}): the
     *                  service's endpoint is that port's, and only that port will do
     */
    record Forward(Service service, String target, HeaderRewrite rewrite, boolean portNamed) implements Route {
        /** To the port the service's name stands for. */
        public Forward(Service service, String target, HeaderRewrite rewrite) {
            this(service, target, rewrite, false);
        }

        /** The same request to the same service, which discovery now finds at another endpoint. */
        public Forward movedTo(Service moved) {
            return new Forward(moved, target, rewrite.forPort(moved.endpoint().port()), portNamed);
        }

        /**
         * Where this request goes in {@code fresh}, the service as a new scan finds it: its chosen port, or, when the
         * request named a port, that port (empty once no process of the service listens there).
         */
        public Optional<Service> in(Service fresh) {
            return portNamed ? fresh.atPort(service.endpoint().port()) : Optional.of(fresh);
        }

        /** This forward, adding the {@code X-Forwarded-*} headers or not. */
        public Forward forwarded(boolean add) {
            return new Forward(service, target, rewrite.forwarded(add), portNamed);
        }
    }

    /** A {@code *.localhost} name that no running service answers to: a 404 page naming the known ones. */
    record NotFound(String name, List<ServiceName> known) implements Route {
        public NotFound {
            known = List.copyOf(known);
        }
    }

    /**
     * A name whose service ran lately and stopped: {@code 503} with when it was last seen and what ran it, so the
     * developer knows to restart it rather than wonder whether the name is right.
     */
    record Stopped(StoppedService service) implements Route {}

    /** A {@code Host} the daemon does not answer to: the DNS-rebinding guard. */
    record Forbidden(String host) implements Route {}

    /** Close the connection without a single byte, so the PAC {@code DIRECT} fallback resolves the name. */
    record CloseSilently() implements Route {}

    /** {@code 302} to {@code location}: plain {@code http://app/} moves to {@code https://app/} when there is a CA. */
    record Redirect(String location) implements Route {}

    /** A request the daemon cannot make sense of, answered {@code 400} with the reason. */
    record BadRequest(String reason) implements Route {}

    /**
     * A request that would come back to this daemon if it were forwarded: it already passed through it, it passed
     * through too many proxies, or its service points at the daemon's own address. {@code 508}, with the loop named.
     */
    record LoopDetected(String loop) implements Route {}

    /**
     * An absolute-form target naming an address, or {@code localhost}, at which the daemon does not listen:
     * {@code 421}. The daemon only ever connects to named services, never to an address a request names.
     */
    record Misdirected(String authority) implements Route {}
}
