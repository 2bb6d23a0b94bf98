package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.application.port.RequestJournal;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.domain.inspect.Exchange;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/requests/stream}: the inspector's snapshots as Server-Sent Events, for the rest of the connection (or
 * h2 stream); on the stream of every service, also an {@code event: services} (no data) when discovery found the
 * services changed, so the dashboard asks for them then instead of every second. Takes the router's place once the
 * request is known to open a stream.
 *
 * <p>Nothing is sent while nothing happens: no keep-alive comments. The stream only runs over loopback, where no
 * middlebox drops a quiet connection, and a peer that goes away closes its socket, which the kernel tells us at once;
 * the connection's own deadlines ended with its request head. An open dashboard thus costs an idle daemon nothing.
 *
 * <p>A slow or paused reader never grows memory without bound: snapshots are recorded on any event loop and hop to
 * this channel's loop, at most {@link #MAX_WAITING} at a time; one that finds the channel unwritable (its outbound
 * buffer past the high-water mark) is dropped, and the reader is told how many with an {@code event: dropped} before
 * the next one that goes out. The subscription ends with the channel, so a stream nobody reads costs nothing.
 */
final class EventStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);
    static final int MAX_WAITING = 256;
    static final String SERVICES_CHANGED = "event: services\ndata: {}\n\n";

    private final RequestJournal requests;
    private final Function<Runnable, ServiceDirectory.Watch> servicesChanged;
    private final String service; // null: every service
    private final HttpVersion version;
    private final AtomicInteger waiting = new AtomicInteger(); // hops queued on this loop, from any loop
    private final AtomicInteger droppedOffLoop = new AtomicInteger();
    private int dropped; // on this loop only
    private ChannelHandlerContext ctx;
    private RequestJournal.Subscription subscription;
    private ServiceDirectory.Watch servicesWatch;

    /** @param servicesChanged registers a callback for changed services ({@link ServiceDirectory#whenChanged}) */
    EventStreamHandler(RequestJournal requests, Function<Runnable, ServiceDirectory.Watch> servicesChanged,
                       String service, HttpVersion version) {
        this.requests = requests;
        this.servicesChanged = servicesChanged;
        this.service = service;
        this.version = version;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff")
                .set("Cross-Origin-Resource-Policy", "same-origin");
        // HTTP/1.0 has no chunks: the stream's end is the connection's
        if (version.equals(HttpVersion.HTTP_1_0)) head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        else head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.write(head);
        // retry: a dropped stream (a daemon restart) is reopened after a second, not the browser's default of several
        send(": localhome request stream\nretry: 1000\n\n");
        subscription = requests.subscribe(this::recorded);
        if (service == null) servicesWatch = servicesChanged.apply(() -> ctx.executor().execute(() -> send(SERVICES_CHANGED)));
        ctx.channel().closeFuture().addListener(closed -> end());
    }

    /** On the event loop that recorded it: hand off at once, or drop when too many wait already. */
    private void recorded(Exchange exchange) {
        if (service != null && !service.equals(exchange.service())) return;
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            droppedOffLoop.incrementAndGet();
            return;
        }
        ctx.executor().execute(() -> {
            waiting.decrementAndGet();
            deliver(exchange);
        });
    }

    private void deliver(Exchange exchange) {
        if (!ctx.channel().isActive()) return;
        if (!ctx.channel().isWritable()) {
            dropped++;
            return;
        }
        int lost = dropped + droppedOffLoop.getAndSet(0);
        dropped = 0;
        StringBuilder event = new StringBuilder(256);
        if (lost > 0) event.append("event: dropped\ndata: {\"dropped\":").append(lost).append("}\n\n");
        event.append("event: exchange\ndata: ").append(RequestsJson.one(exchange)).append("\n\n");
        send(event);
    }

    private void send(CharSequence text) {
        if (!ctx.channel().isActive()) return;
        ctx.writeAndFlush(new DefaultHttpContent(ByteBufUtil.writeUtf8(ctx.alloc(), text)));
    }

    private void end() {
        if (subscription != null) subscription.close();
        if (servicesWatch != null) servicesWatch.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // nothing a client sends on a stream means anything
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] request stream failed: {}", ctx.channel().id(), cause.toString());
        Channels.closeOnFlush(ctx.channel());
    }
}
