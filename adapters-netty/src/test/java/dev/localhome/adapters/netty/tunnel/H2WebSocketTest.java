package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.testing.H2Tunnel;
import dev.localhome.adapters.netty.testing.H2Tunnel.WebSocketStream;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.adapters.netty.testing.WsFrames.Frame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSockets on an h2 tunnel's streams (RFC 8441), with Netty's own h2 client codec as the browser: extended
 * {@code CONNECT} in, an ordinary HTTP/1.1 upgrade out to the backend, and the stream's {@code DATA} carrying the
 * WebSocket's bytes both ways from the backend's {@code 101} on.
 */
class H2WebSocketTest {
    private static final byte[] GREETING = "hello from the server".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG = pattern(70_000);

    @TempDir
    static Path caDirectory;
    private static TestCa ca;
    private static ProxyUnderTest proxy;
    private static ProxyUnderTest withoutH2WebSockets;
    private static RawBackend backend;
    /** Every request head the backend read, in order. */
    private static final LinkedBlockingQueue<String> heads = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        ca = new TestCa(caDirectory.resolve("ca"));
        proxy = new ProxyUnderTest(ca.authority());
        withoutH2WebSockets = new ProxyUnderTest(ca.authority(), ProxyLimits.defaults().withHttp2WebSockets(false));
        backend = RawBackend.start(H2WebSocketTest::serve);
        for (ProxyUnderTest each : new ProxyUnderTest[] {proxy, withoutH2WebSockets}) {
            each.services.put("app", backend.port());
            each.services.put("nope", backend.port());
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
        withoutH2WebSockets.close();
        backend.close();
    }

    /**
     * A WebSocket upgrade: 101, a greeting and a 70 000-byte frame in one write, then an echo of every frame until a
     * close, then the end of the connection. {@code /declined}: 403. Anything else: 200 with its path.
     */
    private static void serve(Socket socket, InputStream in, OutputStream out) throws IOException {
        for (String head = RawBackend.readHead(in); !head.isEmpty(); head = RawBackend.readHead(in)) {
            heads.add(head);
            String path = head.split(" ")[1];
            boolean upgrade = head.toLowerCase().contains("upgrade: websocket");
            if (!upgrade || path.equals("/declined")) {
                String body = upgrade ? "no sockets here" : "you asked " + path;
                String status = upgrade ? "403 Forbidden" : "200 OK";
                RawBackend.write(out, "HTTP/1.1 " + status + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                continue;
            }
            out.write(WsFrames.switchingProtocolsThen("Sec-WebSocket-Protocol: chat\r\n", GREETING, BIG));
            out.flush();
            WsFrames.echoUntilClose(in, out);
            return;
        }
    }

    @Test
    void aWebSocketOnAnH2StreamHearsAServerThatSpeaksFirstByteExactAndEchoesWhileTheConnectionServesGets() throws Exception {
        heads.clear();
        try (H2Tunnel tunnel = H2Tunnel.open(proxy.port(), "app", ca.root())) {
            assertThat(tunnel.serverSettings().connectProtocolEnabled()).isTrue();
            WebSocketStream socket = tunnel.webSocket("/ws?room=1", Map.of("sec-websocket-protocol", "chat, superchat",
                    "origin", "https://app"));

            Http2Headers head = socket.awaitHead();
            assertThat(head.status().toString()).isEqualTo("200");
            assertThat(head.get("sec-websocket-protocol").toString()).isEqualTo("chat");
            assertThat(head.contains("sec-websocket-accept")).isFalse();
            Frame greeting = WsFrames.read(socket.in);
            assertThat(greeting.opcode()).isEqualTo(WsFrames.TEXT);
            assertThat(greeting.payload()).isEqualTo(GREETING);
            assertThat(WsFrames.read(socket.in).payload()).isEqualTo(BIG);

            assertThat(tunnel.get("/page")).isEqualTo(new H2Tunnel.Response(200, "you asked /page"));
            for (byte[] message : new byte[][] {"one".getBytes(StandardCharsets.UTF_8), pattern(70_000)}) {
                socket.send(WsFrames.frame(WsFrames.BINARY, message, true));
                assertThat(WsFrames.read(socket.in).payload()).isEqualTo(message);
            }
            socket.send(WsFrames.frame(WsFrames.CLOSE, new byte[] {0x03, (byte) 0xe8}, true));
            assertThat(WsFrames.read(socket.in).opcode()).isEqualTo(WsFrames.CLOSE);
            socket.ended().get(10, TimeUnit.SECONDS); // the backend's close is the stream's END_STREAM
            assertThat(socket.in.read()).isEqualTo(-1);
            assertThat(tunnel.get("/after")).isEqualTo(new H2Tunnel.Response(200, "you asked /after"));
        }
        String upgrade = heads.stream().filter(h -> h.startsWith("GET /ws")).findFirst().orElseThrow();
        assertThat(upgrade).startsWith("GET /ws?room=1 HTTP/1.1\r\n");
        assertThat(header(upgrade, "upgrade")).isEqualTo("websocket");
        assertThat(header(upgrade, "connection")).isEqualToIgnoringCase("upgrade");
        assertThat(header(upgrade, "sec-websocket-version")).isEqualTo("13");
        assertThat(Base64.getDecoder().decode(header(upgrade, "sec-websocket-key"))).hasSize(16);
        assertThat(header(upgrade, "sec-websocket-protocol")).isEqualTo("chat, superchat");
        assertThat(header(upgrade, "host")).isEqualTo("localhost:" + backend.port());
        assertThat(header(upgrade, "origin")).isEqualTo("http://localhost:" + backend.port());
        assertThat(upgrade.toLowerCase()).doesNotContain("transfer-encoding").doesNotContain("content-length");
    }

    @Test
    void aClientEndingItsStreamHalfClosesTheBackendWhichStillAnswers() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(proxy.port(), "app", ca.root())) {
            WebSocketStream socket = tunnel.webSocket("/ws", Map.of());
            assertThat(socket.awaitHead().status().toString()).isEqualTo("200");
            assertThat(WsFrames.read(socket.in).payload()).isEqualTo(GREETING);
            assertThat(WsFrames.read(socket.in).payload()).isEqualTo(BIG);
            // The close frame and END_STREAM together: the backend reads its close, then its answer still comes back.
            socket.send(WsFrames.frame(WsFrames.CLOSE, new byte[] {0x03, (byte) 0xe8}, true));
            socket.end();
            assertThat(WsFrames.read(socket.in).opcode()).isEqualTo(WsFrames.CLOSE);
            socket.ended().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBackendThatDeclinesGivesTheStreamItsAnswer() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(proxy.port(), "app", ca.root())) {
            WebSocketStream socket = tunnel.webSocket("/declined", Map.of());
            assertThat(socket.awaitHead().status().toString()).isEqualTo("403");
            assertThat(new String(socket.in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("no sockets here");
            assertThat(tunnel.get("/still")).isEqualTo(new H2Tunnel.Response(200, "you asked /still"));
        }
    }

    @Test
    void turnedOffTheSettingsDoNotOfferItAndAnExtendedConnectIsReset() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(withoutH2WebSockets.port(), "app", ca.root())) {
            assertThat(tunnel.serverSettings().connectProtocolEnabled()).isNotEqualTo(Boolean.TRUE);
            WebSocketStream socket = tunnel.webSocket("/ws", Map.of());
            assertThat(socket.reset().get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(tunnel.get("/page")).isEqualTo(new H2Tunnel.Response(200, "you asked /page"));
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 31 + (i >>> 8));
        return bytes;
    }
}
