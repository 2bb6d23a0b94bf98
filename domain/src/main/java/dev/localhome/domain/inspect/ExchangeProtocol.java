package dev.localhome.domain.inspect;

import java.util.OptionalInt;

/** What the exchange spoke between client and backend. */
public sealed interface ExchangeProtocol {
    /** The name in the JSON contract: {@code h1}, {@code h2} or {@code websocket}. */
    String wire();

    /** An HTTP/1.x request on a connection of its own or a tunnel's. */
    record Http1() implements ExchangeProtocol {
        @Override
        public String wire() {
            return "h1";
        }
    }

    /** One stream of an intercepted h2 connection. */
    record Http2() implements ExchangeProtocol {
        @Override
        public String wire() {
            return "h2";
        }
    }

    /**
     * A WebSocket after its {@code 101} (or, on h2, extended {@code CONNECT}): messages counted each way as the relay
     * passes their frames' headers.
     *
     * @param messagesIn  messages client to backend (data frames that end a message; control frames not counted)
     * @param messagesOut messages backend to client
     * @param closeCode   the code of the first close frame either side sent; empty while open, or when the socket
     *                    ended without one (then {@link #ABNORMAL} once it is done, RFC 6455 §7.1.5)
     */
    record WebSocket(long messagesIn, long messagesOut, OptionalInt closeCode) implements ExchangeProtocol {
        /** RFC 6455 §7.4.1: the connection closed without a close frame. */
        public static final int ABNORMAL = 1006;

        public WebSocket {
            if (messagesIn < 0 || messagesOut < 0) throw new IllegalArgumentException("negative message count");
        }

        @Override
        public String wire() {
            return "websocket";
        }
    }

    ExchangeProtocol HTTP1 = new Http1();
    ExchangeProtocol HTTP2 = new Http2();
}
