package dev.localhome.adapters.netty.forward;

/** Where the exchange is in its life; the pipeline takes over from {@link #SWITCHED} on. */
enum ExchangePhase {
    /** Waiting for a backend connection; the router's inbox holds the request body meanwhile. */
    CONNECTING,
    /** Request and response stream between client and backend. */
    EXCHANGING,
    /** A {@code 101} head was passed on; its end completes the switch. */
    SWITCHING,
    /** Both channels are a byte relay now: this exchange has nothing more to do. */
    SWITCHED,
    /** The response ended, the client left or the exchange failed. */
    DONE
}
