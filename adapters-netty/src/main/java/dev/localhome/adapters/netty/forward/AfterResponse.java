package dev.localhome.adapters.netty.forward;

/** What becomes of the client connection once an exchange's response went out in full. */
public enum AfterResponse {
    /** Keep-alive: the next request may come. */
    KEEP_OPEN,
    /** The response ends the connection, and the request was read to its end: nothing more should come. */
    CLOSE,
    /** The response came before the request's end: the client may still be sending its body (a lingering close). */
    CLOSE_MID_REQUEST
}
