package dev.localhome.bench.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.Arrays;

/**
 * The closed loops of one h2 connection: {@code lanes} streams in flight, each lane opening its next GET stream when
 * the last one ends. After {@code perConnection} streams (0: no limit), when the run is over, or after a GOAWAY, no
 * lane opens another; when the last one ends the connection is {@link ConnectionEvents#finished() finished}.
 */
final class Http2Exchanges implements ConnectionEvents.Exchanges {
    private final Http2Headers request;
    private final int perConnection;
    private final ConnectionEvents events;
    private final Http2StreamChannelBootstrap streams;
    private final long[] laneStarted;
    private int opened;
    private int active;
    private boolean stopping;
    private boolean over; // failed or finished: later stream events are echoes of the close

    Http2Exchanges(Channel parent, Http2Headers request, int lanes, int perConnection, ConnectionEvents events) {
        this.request = request;
        this.perConnection = perConnection;
        this.events = events;
        this.streams = new Http2StreamChannelBootstrap(parent);
        this.laneStarted = new long[lanes];
        Arrays.fill(laneStarted, NONE);
    }

    @Override
    public void begin() {
        for (int lane = 0; lane < laneStarted.length && !over; lane++) next(lane);
    }

    @Override
    public long oldestPendingSince() {
        long oldest = NONE;
        for (long started : laneStarted) {
            if (started != NONE && (oldest == NONE || started - oldest < 0)) oldest = started;
        }
        return oldest;
    }

    ChannelHandler connectionHandler() {
        return new ConnectionHandler();
    }

    private void next(int lane) {
        if (stopping || perConnection > 0 && opened >= perConnection || !events.mayStartRequest()) {
            stopping = true;
            if (active == 0) finish();
            return;
        }
        opened++;
        active++;
        laneStarted[lane] = System.nanoTime();
        streams.handler(new StreamHandler(lane)).open().addListener((Future<Http2StreamChannel> open) -> {
            if (open.isSuccess()) open.getNow().writeAndFlush(new DefaultHttp2HeadersFrame(request, true));
            else fail(ErrorKind.of(open.cause()), open.cause(), laneStarted[lane]);
        });
    }

    private void ended(int lane, int status) {
        long started = laneStarted[lane];
        laneStarted[lane] = NONE;
        active--;
        if (over) return;
        if (status < 200 || status > 299) {
            fail(ErrorKind.BAD_STATUS, new ErrorKind.LoadError(ErrorKind.BAD_STATUS, "status " + status), started);
            return;
        }
        events.responded(started, System.nanoTime());
        next(lane);
    }

    private void finish() {
        if (over) return;
        over = true;
        events.finished();
    }

    private void fail(ErrorKind kind, Throwable cause, long started) {
        if (over) return;
        over = true;
        events.failed(kind, cause, started == NONE ? System.nanoTime() : started);
    }

    /** One GET stream: its status from the headers, its end from END_STREAM on headers or data. */
    private final class StreamHandler extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final int lane;
        private int status;
        private boolean done;

        StreamHandler(int lane) {
            this.lane = lane;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            boolean endStream = false;
            if (frame instanceof Http2HeadersFrame headers) {
                CharSequence code = headers.headers().status();
                if (code != null && status == 0) status = Integer.parseInt(code.toString());
                endStream = headers.isEndStream();
            } else if (frame instanceof Http2DataFrame data) {
                endStream = data.isEndStream();
            } else if (frame instanceof Http2ResetFrame reset) {
                done = true;
                fail(ErrorKind.RESET, new ErrorKind.LoadError(ErrorKind.RESET, "stream reset, error code " + reset.errorCode()),
                        laneStarted[lane]);
                return;
            }
            if (endStream && !done) {
                done = true;
                ended(lane, status);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) fail(ErrorKind.CLOSED, new ErrorKind.LoadError(ErrorKind.CLOSED, "stream closed before its end"),
                    laneStarted[lane]);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ErrorKind.of(cause), cause, laneStarted[lane]);
        }
    }

    /** On the parent channel: a GOAWAY lets the streams in flight end, a close or an exception ends everything. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) {
                stopping = true;
                if (active == 0) finish();
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (active == 0) finish();
            else fail(ErrorKind.CLOSED, new ErrorKind.LoadError(ErrorKind.CLOSED, "connection closed with streams in flight"),
                    oldestPendingSince());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ErrorKind.of(cause), cause, oldestPendingSince());
        }
    }
}
