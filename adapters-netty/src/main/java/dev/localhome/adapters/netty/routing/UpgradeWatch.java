package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.forward.HeaderRewriter;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Optional;

/**
 * Where a connection is with upgrade requests, as they are read (not as they are routed): none, one being read, or
 * one read to its end whose following bytes an {@link UpgradeHold} keeps until the backend answers. One per router.
 */
final class UpgradeWatch {
    private enum Stage { NONE, READING, HOLDING }

    private Stage stage = Stage.NONE;
    private UpgradeHold hold;

    /**
     * Follows what the router reads. Returns {@code true} when an upgrade request was just read to its end and its
     * following bytes are held from now on: the router must stop reading. Those the HTTP codec had buffered come
     * back through the pipeline at once, as {@link ByteBuf}s for {@link #add}.
     */
    boolean read(HttpObject object, ChannelPipeline pipeline) {
        // A whole request is an upgrade request too when an h2 stream's extended CONNECT became one; from the
        // HTTP/1.1 codec a whole request is a bad head (decoder failure), never an upgrade.
        if (object instanceof HttpRequest head)
            stage = head.decoderResult().isSuccess() && !head.method().equals(HttpMethod.CONNECT)
                    && HeaderRewriter.isUpgrade(head.headers()) ? Stage.READING : Stage.NONE;
        if (stage != Stage.READING || !(object instanceof LastHttpContent)) return false;
        if (!UpgradeHold.applies(pipeline)) {
            stage = Stage.NONE;
            return false;
        }
        stage = Stage.HOLDING;
        hold = new UpgradeHold();
        hold.install(pipeline);
        return true;
    }

    boolean holding() {
        return stage == Stage.HOLDING;
    }

    void add(ByteBuf bytes) {
        hold.add(bytes);
    }

    /** The request will not switch (the daemon answers it itself): nothing after it needs holding. */
    void notNeeded() {
        if (stage == Stage.READING) stage = Stage.NONE;
    }

    /** After a {@code 101}: what the client sent after its upgrade request; empty when it asked for no upgrade. */
    Optional<List<ByteBuf>> take() {
        if (stage != Stage.HOLDING) return Optional.empty();
        stage = Stage.NONE;
        return Optional.of(hold.takeBytes());
    }

    /** Answered without a switch: HTTP goes on, from the bytes held meanwhile. */
    void resumeHttp(ChannelPipeline pipeline, ProxyLimits limits) {
        if (stage == Stage.HOLDING) hold.resumeHttp(pipeline, limits);
        stage = Stage.NONE;
    }

    void release() {
        if (stage == Stage.HOLDING) hold.release();
        stage = Stage.NONE;
    }
}
