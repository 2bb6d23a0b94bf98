package dev.localhome.adapters.netty.forward;

/** Where the exchange is in its life; the pipeline takes over from {@link #SWITCHED} on. */
enum ExchangePhase {
    /** Waiting for a backend connection; the client's reading pauses meanwhile. */
    CONNECTING,
    /** Request and response stream between client and backend. */
    EXCHANGING,
    /** A {@code 101} head was passed on: the backend's {@link ProtocolSwitchHandler} does the rest. */
    SWITCHED,
    /** The response ended, the client left or the exchange failed. */
    DONE
}
