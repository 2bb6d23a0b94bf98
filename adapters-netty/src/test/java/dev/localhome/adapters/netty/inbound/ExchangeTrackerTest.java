package dev.localhome.adapters.netty.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a stop does to one HTTP/1.1 connection, by where it is between exchanges. */
class ExchangeTrackerTest {
    private static EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(PipelineNames.HTTP, new HttpServerCodec())
                .addLast(PipelineNames.EXCHANGES, new ExchangeTracker())
                .addLast(PipelineNames.ROUTER, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg); // a router that has taken the request
                    }
                });
        return channel;
    }

    private static void request(EmbeddedChannel channel) {
        channel.writeInbound(Unpooled.copiedBuffer("GET /x HTTP/1.1\r\nHost: app.localhost\r\n\r\n", StandardCharsets.US_ASCII));
    }

    private static void drain(EmbeddedChannel channel) {
        ConnectionActivity.of(channel).drain(channel);
        channel.runPendingTasks();
    }

    @Test
    void anIdleKeepAliveConnectionClosesAtOnce() {
        EmbeddedChannel channel = connection();
        request(channel);
        channel.writeOutbound(ok());

        drain(channel);

        assertThat(channel.isActive()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionInTheMiddleOfAnExchangeClosesRightAfterItsResponseWhichSaysConnectionClose() {
        EmbeddedChannel channel = connection();
        request(channel);

        drain(channel);
        assertThat(channel.isActive()).as("its response is still to come").isTrue();
        channel.writeOutbound(ok());
        channel.runPendingTasks();

        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK")
                .containsIgnoringCase("connection: close");
        written.release();
        assertThat(channel.isActive()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void anEventStreamDoesNotKeepAStopWaiting() {
        EmbeddedChannel channel = connection();
        request(channel);
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        channel.writeOutbound(head);

        drain(channel);

        assertThat(channel.isActive()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aContinueIsNoEndOfTheExchange() {
        EmbeddedChannel channel = connection();
        request(channel);
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));

        drain(channel);

        assertThat(channel.isActive()).as("the final response is still to come").isTrue();
        channel.finishAndReleaseAll();
    }

    private static FullHttpResponse ok() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
        return response;
    }
}
