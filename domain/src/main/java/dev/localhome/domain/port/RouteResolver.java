package dev.localhome.domain.port;

import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inbound: where a request goes. Completes after a rescan when the name it asks for is not known yet. */
public interface RouteResolver {
    CompletionStage<Route> route(RequestHead head, Arrival arrival);

    /** What refuses a request before any routing ({@code CONNECT} included): answered at once, no scan. */
    Optional<Route> screen(RequestHead head);

    /** The daemon's facts routing decides by: its name, its CA, itself (for {@code Via}). */
    RoutingPolicy policy();
}
