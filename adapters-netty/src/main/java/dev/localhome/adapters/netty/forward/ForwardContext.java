package dev.localhome.adapters.netty.forward;

import dev.localhome.application.RequestRouting;

/** What an exchange needs of the connection's shared context: the routing use case (for rescans) and the pool. */
public interface ForwardContext {
    RequestRouting routing();

    BackendPool backends();
}
