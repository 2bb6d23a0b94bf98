package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.forward.HeaderRewriter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Whether the request being read asks for an upgrade, as it is read (not as it is routed): at its end an
 * {@link UpgradeHoldDecoder} keeps what follows until the backend answers. One per router.
 */
final class UpgradeWatch {
    private boolean reading; // an upgrade request's head was read, its end not yet

    /**
     * Follows what the router reads. Returns {@code true} when an upgrade request was just read to its end and what
     * follows is held from now on: the router must stop reading.
     */
    boolean read(HttpObject object, ChannelPipeline pipeline) {
        // A whole request is an upgrade request too when an h2 stream's extended CONNECT became one; from the
        // HTTP/1.1 codec a whole request is a bad head (decoder failure), never an upgrade.
        if (object instanceof HttpRequest head)
            reading = head.decoderResult().isSuccess() && !head.method().equals(HttpMethod.CONNECT)
                    && HeaderRewriter.isUpgrade(head.headers());
        if (!reading || !(object instanceof LastHttpContent)) return false;
        reading = false;
        if (!UpgradeHoldDecoder.applies(pipeline)) return false;
        UpgradeHoldDecoder.install(pipeline);
        return true;
    }

    /** The request will not switch (the daemon answers it itself): nothing after it needs holding. */
    void notNeeded() {
        reading = false;
    }
}
