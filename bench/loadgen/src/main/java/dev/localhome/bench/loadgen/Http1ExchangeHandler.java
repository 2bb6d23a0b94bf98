package dev.localhome.bench.loadgen;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The closed loop of one HTTP/1.1 connection: write the request, read the response to its last content (bodies are
 * counted, not aggregated), write the next. After {@code perConnection} requests (0: no limit), when the run is
 * over, or when the server asks to close, the connection is {@link ConnectionEvents#finished() finished}.
 */
final class Http1ExchangeHandler extends SimpleChannelInboundHandler<HttpObject> implements ConnectionEvents.Exchanges {
    private final FullHttpRequest request;
    private final int perConnection;
    private final ConnectionEvents events;
    private ChannelHandlerContext ctx;
    private int sent;
    private long startedNanos = NONE;
    private int status;
    private boolean keepAlive;

    Http1ExchangeHandler(FullHttpRequest request, int perConnection, ConnectionEvents events) {
        this.request = request;
        this.perConnection = perConnection;
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void begin() {
        next();
    }

    @Override
    public long oldestPendingSince() {
        return startedNanos;
    }

    private void next() {
        if (perConnection > 0 && sent >= perConnection || !events.mayStartRequest()) {
            events.finished();
            return;
        }
        sent++;
        startedNanos = System.nanoTime();
        ctx.writeAndFlush(request, ctx.voidPromise()); // a failed write reaches exceptionCaught
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            fail(ErrorKind.BAD_STATUS, new ErrorKind.LoadError(ErrorKind.BAD_STATUS,
                    "malformed response: " + msg.decoderResult().cause()));
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof LastHttpContent && startedNanos != NONE) {
            long started = startedNanos;
            startedNanos = NONE;
            if (status < 200 || status > 299) {
                events.failed(ErrorKind.BAD_STATUS, new ErrorKind.LoadError(ErrorKind.BAD_STATUS, "status " + status), started);
                return;
            }
            events.responded(started, System.nanoTime());
            if (keepAlive) next();
            else events.finished();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (startedNanos == NONE) events.finished(); // the server closed an idle connection: not an error
        else fail(ErrorKind.CLOSED, new ErrorKind.LoadError(ErrorKind.CLOSED, "closed before the end of the response"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ErrorKind.of(cause), cause);
    }

    private void fail(ErrorKind kind, Throwable cause) {
        long started = startedNanos == NONE ? System.nanoTime() : startedNanos;
        startedNanos = NONE;
        events.failed(kind, cause, started);
    }
}
