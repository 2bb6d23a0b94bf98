package dev.localhome.archfixtures.wrong.adapters.netty.relay;

import io.netty.handler.codec.http.HttpRequest;

/** Wrong: a relay that knows what HTTP is. */
final class BadRelayReadsHttp {
    boolean isRequest(Object message) {
        return message instanceof HttpRequest;
    }
}
