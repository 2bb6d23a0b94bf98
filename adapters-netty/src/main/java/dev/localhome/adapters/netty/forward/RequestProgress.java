package dev.localhome.adapters.netty.forward;

/** How far the request went out to the backend. */
enum RequestProgress {
    /** The head only: replayable if its method is safe. */
    HEAD,
    /** Body bytes went out: never replayed. */
    BODY,
    /** Ended, and no body byte went out: a replay sends the end again. */
    ENDED_EMPTY,
    /** Ended after body bytes. */
    ENDED;

    /** Nothing but the head (and maybe an empty end) went out: a safe method can be sent again. */
    boolean withoutBody() {
        return this == HEAD || this == ENDED_EMPTY;
    }

    boolean ended() {
        return this == ENDED_EMPTY || this == ENDED;
    }
}
