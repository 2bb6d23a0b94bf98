package dev.localhome.adapters.netty;

import static dev.localhome.adapters.netty.inbound.PipelineNames.EXCHANGES;
import static dev.localhome.adapters.netty.inbound.PipelineNames.FLOW_CONTROL;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HEAD_DEADLINE;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP;
import static dev.localhome.adapters.netty.inbound.PipelineNames.ROUTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.testing.PipelineShape;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.WiredContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router on an EmbeddedChannel playing an accepted socket, with the daemon's own answers (no backend: an
 * EmbeddedChannel's loop cannot host one): bytes in, the pipeline's names, the responses out, in order.
 */
class RequestRoutingHandlerTest {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static WiredContext wired;

    @BeforeAll
    static void wire() {
        wired = new WiredContext(ProxyUnderTest.NO_CA, ProxyLimits.defaults(), Map.of());
    }

    @AfterAll
    static void unwire() {
        wired.close();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOneAtATime() {
        EmbeddedChannel channel = accepted();

        channel.writeInbound(ascii("GET /proxy.pac HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /proxy.pac HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        PipelineShape.runUntil(channel, () -> answered(channel) >= 3);

        assertThat(statusLines(channel)).isEqualTo("200 404 200");
        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.config().isAutoRead()).as("reading on again once every answer went out").isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void theBytesBehindADeclinedUpgradeAreHeldThenDecodedAsTheNextRequest() {
        EmbeddedChannel channel = accepted();

        // the daemon switches no protocol: it answers the upgrade request itself, and HTTP goes on from the hold
        channel.writeInbound(ascii("GET /proxy.pac HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        PipelineShape.runUntil(channel, () -> answered(channel) >= 2);

        assertThat(statusLines(channel)).isEqualTo("200 404");
        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.pipeline().get(HTTP)).as("a fresh codec where the hold was").isInstanceOf(HttpServerCodec.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void anUnreadableHeadIsAnswered400AndNothingAfterItIsRead() {
        EmbeddedChannel channel = accepted();

        channel.writeInbound(ascii("GET /proxy.pac HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"
                + "GET /proxy.pac HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        PipelineShape.runUntil(channel, () -> !channel.isOpen());

        assertThat(statusLines(channel)).isEqualTo("400");
    }

    /** How many responses went out so far (each starts with a status line). */
    private int answered(EmbeddedChannel channel) {
        return (int) STATUS_LINE.matcher(outbound(channel, false)).results().count();
    }

    private String statusLines(EmbeddedChannel channel) {
        Matcher status = STATUS_LINE.matcher(outbound(channel, true));
        StringBuilder seen = new StringBuilder();
        while (status.find()) seen.append(seen.length() == 0 ? "" : " ").append(status.group(1));
        return seen.toString();
    }

    private final StringBuilder drained = new StringBuilder(); // what this test's channel wrote so far

    /** Everything written so far, as text; {@code consume} starts over. */
    private String outbound(EmbeddedChannel channel, boolean consume) {
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) msg;
            drained.append(bytes.toString(StandardCharsets.US_ASCII));
            bytes.release();
        }
        String all = drained.toString();
        if (consume) drained.setLength(0);
        return all;
    }

    /** An accepted socket on the daemon's address: the daemon's pages name the port they were asked on. */
    private static EmbeddedChannel accepted() {
        EmbeddedChannel channel = new EmbeddedChannel(false, false) { // registered once the initializer is in
            @Override
            protected SocketAddress localAddress0() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), 9090);
            }

            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000);
            }
        };
        channel.pipeline().addLast(new ProxyInitializer(wired.context()));
        try {
            channel.register(); // active: counted, and the connection limit leaves
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
