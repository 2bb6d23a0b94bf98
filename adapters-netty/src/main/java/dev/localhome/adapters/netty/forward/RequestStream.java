package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The client's request as it goes out to the backend: its head, then its body as it comes. How far it went decides
 * whether it may be sent again after a failure, and whether the backend connection is reusable after the answer.
 */
final class RequestStream {
    private final ExchangeRecord record;
    private RequestProgress sent;

    /** @param ended whether the request came whole (an h2 request without a body): no content follows */
    RequestStream(ExchangeRecord record, boolean ended) {
        this.record = record;
        this.sent = ended ? RequestProgress.ENDED_EMPTY : RequestProgress.HEAD;
    }

    /** Whether the request's end went out (or came with its head). */
    boolean ended() {
        return sent.ended();
    }

    RequestProgress progress() {
        return sent;
    }

    /** After the head went to a fresh backend connection: the end of a body that went out empty, sent again. */
    void afterHead(Channel backend) {
        if (sent.ended()) backend.write(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** Sends body content on; returns whether it ended the request. */
    boolean send(Channel backend, HttpContent content) {
        boolean body = sent == RequestProgress.BODY || content.content().isReadable();
        boolean last = content instanceof LastHttpContent;
        record.requestBody(content.content().readableBytes());
        backend.writeAndFlush(content);
        sent = last ? (body ? RequestProgress.ENDED : RequestProgress.ENDED_EMPTY) : (body ? RequestProgress.BODY : sent);
        return last;
    }
}
