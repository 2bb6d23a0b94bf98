package dev.localhome.domain.forward;

/** How an attempt to reach a backend failed, as the transport saw it. Consumed by {@link Recovery}. */
public sealed interface BackendFailure {
    /** Nothing listens at the endpoint: the dev server stopped, or restarted on another port. */
    record Refused() implements BackendFailure {}

    /** The connection was closed before it was established (seen rarely under load): nothing was sent. */
    record ClosedBeforeConnected() implements BackendFailure {}

    /**
     * The backend closed or failed before its answer began.
     *
     * @param replayable       the request can be sent again unchanged: a safe method whose body has not gone out
     * @param reusedConnection the connection came from the pool: the backend may have closed it while it was idle
     * @param otherProtocol    the endpoint's protocol was a guess, and the other one (TLS or plain) may work
     * @param why              what went wrong, for the {@code 502} page
     */
    record LostBeforeAnswer(boolean replayable, boolean reusedConnection, boolean otherProtocol, String why) implements BackendFailure {}

    /** Anything else: no retry can help. */
    record Other(String why) implements BackendFailure {}
}
