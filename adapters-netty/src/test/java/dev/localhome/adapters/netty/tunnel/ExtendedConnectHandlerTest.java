package dev.localhome.adapters.netty.tunnel;

import static dev.localhome.adapters.netty.inbound.PipelineNames.EXTENDED_CONNECT;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The RFC 8441 handler on an EmbeddedChannel playing an h2 stream, in front of the stream's HTTP codec as the stream
 * initializer puts it: frames in, what the router would get out, the pipeline's names as it goes.
 */
class ExtendedConnectHandlerTest {
    private static final Http2FrameStream STREAM = new Http2FrameStream() {
        @Override
        public int id() {
            return 3;
        }

        @Override
        public Http2Stream.State state() {
            return Http2Stream.State.OPEN;
        }
    };

    @Test
    void aWebSocketConnectBecomesAnUpgradeItsDataBareBytesAndThe101A200ThatKeepsTheStreamOpen() {
        EmbeddedChannel stream = stream();
        Http2Headers connect = new DefaultHttp2Headers().method("CONNECT").path("/ws").scheme("https").authority("app");
        connect.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");

        stream.writeInbound(new DefaultHttp2HeadersFrame(connect, false).stream(STREAM));
        FullHttpRequest upgrade = stream.readInbound();
        assertThat(upgrade.method()).isEqualTo(HttpMethod.GET);
        assertThat(upgrade.uri()).isEqualTo("/ws");
        assertThat(upgrade.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket");
        assertThat(upgrade.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY)).isNotBlank();
        upgrade.release();

        stream.writeInbound(new DefaultHttp2DataFrame(ascii("a frame"), false).stream(STREAM));
        ByteBuf bytes = stream.readInbound();
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("a frame"); // bare: the upgrade hold's to keep
        bytes.release();

        DefaultHttpResponse switched = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        switched.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "chat");
        stream.writeOutbound(switched);
        Http2HeadersFrame accepted = stream.readOutbound();
        assertThat(accepted.headers().status()).hasToString("200");
        assertThat(accepted.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)).hasToString("chat");
        assertThat(accepted.isEndStream()).isFalse();
        assertThat(stream.pipeline().names()).contains(EXTENDED_CONNECT);

        stream.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT); // the 101's end: no end of the stream
        assertThat((Object) stream.readOutbound()).isNull();
        assertThat(stream.pipeline().names()).doesNotContain(EXTENDED_CONNECT).contains(HTTP);
        stream.finishAndReleaseAll();
    }

    @Test
    void anOrdinaryRequestPassesUntouchedAndTheHandlerLeavesAtOnce() {
        EmbeddedChannel stream = stream();

        stream.writeInbound(new DefaultHttp2HeadersFrame(
                new DefaultHttp2Headers().method("GET").path("/x").scheme("https").authority("app"), true).stream(STREAM));

        FullHttpRequest request = stream.readInbound();
        assertThat(request.method()).isEqualTo(HttpMethod.GET);
        assertThat(request.uri()).isEqualTo("/x");
        assertThat(request.headers().contains(HttpHeaderNames.UPGRADE)).isFalse();
        request.release();
        assertThat(stream.pipeline().names()).doesNotContain(EXTENDED_CONNECT).contains(HTTP);
        stream.finishAndReleaseAll();
    }

    @Test
    void aConnectForAnotherProtocolIsDeclinedWith501AndTheStreamCloses() {
        EmbeddedChannel stream = stream();
        Http2Headers connect = new DefaultHttp2Headers().method("CONNECT").path("/").scheme("https").authority("app");
        connect.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "webtransport");

        stream.writeInbound(new DefaultHttp2HeadersFrame(connect, false).stream(STREAM));

        assertThat((Object) stream.readInbound()).isNull();
        Http2HeadersFrame declined = stream.readOutbound();
        assertThat(declined.headers().status()).hasToString("501");
        assertThat(declined.isEndStream()).isTrue();
        assertThat(stream.isOpen()).isFalse();
        stream.finishAndReleaseAll();
    }

    private static EmbeddedChannel stream() {
        EmbeddedChannel stream = new EmbeddedChannel();
        stream.pipeline().addLast(EXTENDED_CONNECT, new ExtendedConnectHandler());
        stream.pipeline().addLast(HTTP, new Http2StreamFrameToHttpObjectCodec(true));
        return stream;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

}
