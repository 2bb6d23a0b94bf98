package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.domain.port.BackendForwarder;

/** What an exchange needs of the connection's shared context: the forwarding port (after failures) and the pool. */
public interface ForwardContext {
    BackendForwarder forwarder();

    BackendPool backends();
}
