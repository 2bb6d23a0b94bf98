package dev.localhome.adapters.netty;

import static dev.localhome.adapters.netty.inbound.PipelineNames.ALPN;
import static dev.localhome.adapters.netty.inbound.PipelineNames.CONNECTION_LIMIT;
import static dev.localhome.adapters.netty.inbound.PipelineNames.EXCHANGES;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HEAD_DEADLINE;
import static dev.localhome.adapters.netty.inbound.PipelineNames.FLOW_CONTROL;
import static dev.localhome.adapters.netty.inbound.PipelineNames.FIRST_BYTE;
import static dev.localhome.adapters.netty.inbound.PipelineNames.UPGRADE_HOLD;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP2;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP2_ERRORS;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP2_FLUSH;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP2_STREAMS;
import static dev.localhome.adapters.netty.inbound.PipelineNames.ROUTER;
import static dev.localhome.adapters.netty.inbound.PipelineNames.TLS;
import static dev.localhome.adapters.netty.inbound.PipelineNames.TUNNEL_SETUP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.routing.RequestRoutingHandler;
import dev.localhome.adapters.netty.testing.PipelineShape;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.adapters.netty.testing.WiredContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shape the drawing in adapters-netty/README.md gives a client connection, from the accept on, asserted on the
 * pipeline itself as the drawing writes it ({@link PipelineShape}). An EmbeddedChannel plays the accepted socket;
 * the context behind it is the real one (registry, use cases, CA), so the tunnel plans are the daemon's own.
 */
class PipelineShapesTest {
    @TempDir
    static Path directory;
    private static TestCa ca;
    private static WiredContext withCa;
    private static WiredContext withoutCa;

    @BeforeAll
    static void wire() {
        ca = new TestCa(directory.resolve("ca"));
        // app's port is never dialled here: a plan needs the name known, not the backend up
        withCa = new WiredContext(ca.authority(), ProxyLimits.defaults(), Map.of("app", 1));
        withoutCa = new WiredContext(ProxyUnderTest.NO_CA, ProxyLimits.defaults(), Map.of("app", 1));
    }

    @AfterAll
    static void unwire() {
        withCa.close();
        withoutCa.close();
    }

    @Test
    void anAcceptedConnectionIsCountedThenSpeaksHttpToTheRouter() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false); // not registered: not yet active, not yet counted
        new ProxyInitializer(withoutCa.context()).initChannel(channel);
        assertThat(PipelineShape.of(channel)).containsExactly(CONNECTION_LIMIT, HEAD_DEADLINE, FIRST_BYTE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);

        channel.register(); // active: the connection is counted, and the limit handler leaves
        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, FIRST_BYTE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.pipeline().get(HTTP)).isInstanceOf(HttpServerCodec.class);
        assertThat(channel.pipeline().get(ROUTER)).isInstanceOf(RequestRoutingHandler.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void plainHttpFirstOnTheDaemonsPortLeavesTheHttpPipelineAsItWas() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyInitializer(withCa.context()));
        channel.pipeline().fireChannelRead(ascii("GET ")); // the start of a head

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        channel.finishAndReleaseAll();
    }

    @Test
    void aTlsRecordFirstOnTheDaemonsPortAwaitsTheClientHelloUnderTls() {
        EmbeddedChannel channel = ownPortTls();
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[] {22, 3, 1})); // a handshake record begins

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, EXCHANGES, TLS, ALPN);
        assertThat(channel.pipeline().get(TLS)).isInstanceOf(SniHandler.class); // OwnPortSni, before the handshake
        channel.finishAndReleaseAll();
    }

    @Test
    void tlsOnTheDaemonsPortThatAgreesOnH2MultiplexesStreamsAsAnInterceptedTunnelDoes() throws Exception {
        EmbeddedChannel channel = ownPortTls();
        handshake(channel, "app.localhost", ApplicationProtocolNames.HTTP_2);

        assertThat(PipelineShape.of(channel)).containsExactly(TLS, HTTP2_FLUSH, HTTP2, HTTP2_STREAMS, HTTP2_ERRORS);
        channel.finishAndReleaseAll();
    }

    @Test
    void aTlsRecordFirstOnTheDaemonsPortWithoutACaIsClosedWithoutAByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyInitializer(withoutCa.context()));
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[] {22, 3, 1}));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void connectToPort80AnswersThenSpeaksHttpInTheTunnel() {
        EmbeddedChannel channel = connect(withoutCa, "app:80", ch -> ch.pipeline().get(ROUTER) != null);

        assertThat(established(channel)).isTrue();
        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.pipeline().get(HTTP)).isInstanceOf(HttpServerCodec.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void connectToPort443WithACaAwaitsTheClientHelloUnderTls() {
        EmbeddedChannel channel = intercepted();

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, EXCHANGES, TLS, ALPN);
        assertThat(channel.pipeline().get(TLS)).isInstanceOf(SniHandler.class); // TunnelSniCheck, before the handshake
        channel.finishAndReleaseAll();
    }

    @Test
    void anInterceptedTunnelThatAgreesOnHttp11RoutesHttpOverTls() throws Exception {
        EmbeddedChannel channel = intercepted();
        handshake(channel, ApplicationProtocolNames.HTTP_1_1);

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, TLS, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.pipeline().get(TLS)).isExactlyInstanceOf(SslHandler.class);
        assertThat(channel.pipeline().get(HTTP)).isInstanceOf(HttpServerCodec.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void anInterceptedTunnelThatAgreesOnH2DropsTheHeadDeadlineAndMultiplexesStreams() throws Exception {
        EmbeddedChannel channel = intercepted();
        handshake(channel, ApplicationProtocolNames.HTTP_2);

        assertThat(PipelineShape.of(channel)).containsExactly(TLS, HTTP2_FLUSH, HTTP2, HTTP2_STREAMS, HTTP2_ERRORS);
        assertThat(channel.pipeline().get(HTTP2_FLUSH)).isInstanceOf(FlushConsolidationHandler.class);
        assertThat(channel.pipeline().get(HTTP2)).isInstanceOf(Http2FrameCodec.class);
        assertThat(channel.pipeline().get(HTTP2_STREAMS)).isInstanceOf(Http2MultiplexHandler.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void connectToAPortOfTheServiceAnswersThenAwaitsTheFirstByte() {
        EmbeddedChannel channel = connect(withCa, "app:1", ch -> !ch.outboundMessages().isEmpty());

        assertThat(established(channel)).as("the 200 before the client says which protocol").isTrue();
        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, EXCHANGES, TUNNEL_SETUP);
        channel.finishAndReleaseAll();
    }

    @Test
    void aTlsRecordFirstInATunnelToAPortIsInterceptedUnderTls() {
        EmbeddedChannel channel = connect(withCa, "app:1", ch -> !ch.outboundMessages().isEmpty());
        assertThat(established(channel)).isTrue();

        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[] {22, 3, 1})); // a handshake record begins
        PipelineShape.runUntil(channel, () -> !channel.isOpen() || channel.pipeline().get(TLS) != null);

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, EXCHANGES, TLS, ALPN);
        channel.finishAndReleaseAll();
    }

    @Test
    void plainHttpFirstInATunnelToAPortSpeaksHttpToTheRouter() {
        EmbeddedChannel channel = connect(withCa, "app:1", ch -> !ch.outboundMessages().isEmpty());
        assertThat(established(channel)).isTrue();

        channel.pipeline().fireChannelRead(ascii("GET ")); // the start of a head: routed once it is whole
        PipelineShape.runUntil(channel, () -> !channel.isOpen() || channel.pipeline().get(ROUTER) != null);

        assertThat(PipelineShape.of(channel)).containsExactly(HEAD_DEADLINE, HTTP, EXCHANGES, FLOW_CONTROL, ROUTER);
        assertThat(channel.pipeline().get(HTTP)).isInstanceOf(HttpServerCodec.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void connectToAnUnknownNameIsClosedWithoutAByte() {
        // nope is unknown: the plan waits for one rescan, on the registry's thread, then refuses
        EmbeddedChannel channel = connect(withoutCa, "nope:443", ch -> false);

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    /**
     * An upgrade request waiting for the backend's answer. Not on an EmbeddedChannel: the backend connection is
     * made on the client channel's own event loop (BackendPool), which an EmbeddedChannel's loop cannot host. So
     * here the proxy's pipeline serves a real loopback socket, and the test reads its shape on its event loop.
     */
    @Test
    void anUpgradeRequestHeldForTheBackendsAnswerLeavesABareResponseEncoderAsHttpAndAHoldBeforeTheRouter() throws Exception {
        CountDownLatch backendHasTheRequest = new CountDownLatch(1);
        try (RawBackend backend = RawBackend.start((socket, in, out) -> {
                 RawBackend.readHead(in);
                 backendHasTheRequest.countDown();
                 while (in.read() >= 0) {} // never answers: the upgrade stays held until the test ends
             });
             WiredContext wired = new WiredContext(ProxyUnderTest.NO_CA, ProxyLimits.defaults(), Map.of("app", backend.port()))) {
            EventLoopGroup group = wired.context().transport().newGroup(1, "shapes-test");
            try {
                CompletableFuture<Channel> accepted = new CompletableFuture<>();
                Channel server = new ServerBootstrap().group(group).channel(wired.context().transport().serverChannel())
                        .childHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel channel) {
                                channel.pipeline().addLast(new ProxyInitializer(wired.context()));
                                accepted.complete(channel);
                            }
                        })
                        .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.localAddress()).getPort())) {
                    OutputStream out = client.getOutputStream();
                    out.write(("GET /socket HTTP/1.1\r\nHost: app.localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertThat(backendHasTheRequest.await(5, TimeUnit.SECONDS)).as("the backend got the upgrade request").isTrue();
                    Channel channel = accepted.get(5, TimeUnit.SECONDS);

                    List<Object> held = awaitOnLoop(channel, () -> List.of(PipelineShape.of(channel), channel.pipeline().get(HTTP)),
                            shape -> shape.get(1) instanceof HttpResponseEncoder);
                    assertThat(held.get(0)).isEqualTo(List.of(HEAD_DEADLINE, HTTP, EXCHANGES, UPGRADE_HOLD, FLOW_CONTROL, ROUTER));
                    assertThat(held.get(1)).isExactlyInstanceOf(HttpResponseEncoder.class); // the decoder is gone
                } finally {
                    server.close().sync();
                }
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }

    /** An accepted connection, with a CA, whose first bytes the test sends: TLS on the daemon's own port. */
    private static EmbeddedChannel ownPortTls() {
        return new EmbeddedChannel(new ProxyInitializer(withCa.context()));
    }

    private static EmbeddedChannel intercepted() {
        EmbeddedChannel channel = connect(withCa, "app:443", ch -> ch.pipeline().get(TLS) != null);
        assertThat(established(channel)).as("the 200 before TLS").isTrue();
        return channel;
    }

    /** An accepted connection that sends {@code CONNECT target}, driven until {@code settled} or closed. */
    private static EmbeddedChannel connect(WiredContext wired, String target,
                                           java.util.function.Predicate<EmbeddedChannel> settled) {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyInitializer(wired.context()));
        // fired, not writeInbound: that would run the loop's tasks, the plan's answer among them
        channel.pipeline().fireChannelRead(ascii("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n"));
        channel.pipeline().fireChannelReadComplete();
        assertThat(PipelineShape.of(channel)).as("the plan is pending").containsExactly(HEAD_DEADLINE, EXCHANGES, TUNNEL_SETUP);
        PipelineShape.runUntil(channel, () -> !channel.isOpen() || settled.test(channel));
        return channel;
    }

    private static boolean established(EmbeddedChannel channel) {
        ByteBuf answer = channel.readOutbound();
        try {
            return answer != null && answer.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200 ");
        } finally {
            ReferenceCountUtil.release(answer);
        }
    }

    /**
     * A real TLS handshake between an EmbeddedChannel client offering only {@code protocol} by ALPN and the
     * intercepted tunnel, bytes carried by hand both ways until the proxy's ALPN handler has done its work.
     */
    private static void handshake(EmbeddedChannel proxy, String protocol) throws Exception {
        handshake(proxy, "app", protocol);
    }

    /** The same, with the client naming {@code host} by SNI. */
    private static void handshake(EmbeddedChannel proxy, String host, String protocol) throws Exception {
        SslHandler tls = SslContextBuilder.forClient().trustManager(ca.root())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocol))
                .build().newHandler(ByteBufAllocator.DEFAULT, host, 443);
        EmbeddedChannel client = new EmbeddedChannel(tls);
        Await.within(Duration.ofSeconds(5), () -> { // both sides driven by hand: the handshake's bytes, both ways
            for (Object bytes; (bytes = client.readOutbound()) != null; ) proxy.writeInbound(bytes);
            for (Object bytes; (bytes = proxy.readOutbound()) != null; ) client.writeInbound(bytes);
            proxy.runPendingTasks();
            client.runPendingTasks();
            return !proxy.isOpen() || proxy.pipeline().get(ALPN) == null;
        });
        assertThat(tls.handshakeFuture().isSuccess()).as("the client's handshake").isTrue();
        assertThat(tls.applicationProtocol()).isEqualTo(protocol);
        client.finishAndReleaseAll();
    }

    /** Reads {@code what} on {@code channel}'s event loop until it passes {@code done}, for at most five seconds. */
    private static <T> T awaitOnLoop(Channel channel, java.util.concurrent.Callable<T> what,
                                     java.util.function.Predicate<T> done) throws Exception {
        return Await.until("the pipeline's shape on its event loop", Duration.ofSeconds(5),
                () -> channel.eventLoop().submit(what).get(5, TimeUnit.SECONDS), done);
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
